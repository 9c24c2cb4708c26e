namespace Chitin.Storage.Checkpoints;

/// <summary>A checkpoint's "rewound by" changed from <see cref="Before"/> to <see cref="After"/> (null: active).</summary>
public sealed record EntryChange(long Id, long? Before, long? After);
