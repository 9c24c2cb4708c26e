namespace Chitin.Storage.Checkpoints;

/// <summary>Messages <see cref="From"/>..<see cref="Through"/> of the session were marked rewound (or unmarked).</summary>
public sealed record MessageChange(long From, long Through, bool Rewound);
