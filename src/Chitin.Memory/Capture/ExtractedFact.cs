namespace Chitin.Memory.Capture;

/// <summary>One validated fact of an extraction answer.</summary>
internal sealed record ExtractedFact(string Text, MemoryLayer Layer, MemoryScope Scope, string? Subject, IReadOnlyList<string> Tags, long? Message);
