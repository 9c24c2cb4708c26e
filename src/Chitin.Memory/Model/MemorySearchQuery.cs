namespace Chitin.Memory.Model;

/// <summary>A search as the model, the CLI or the digest asks it.</summary>
public sealed record MemorySearchQuery
{
    public required string Text { get; init; }

    public required MemoryViewer Viewer { get; init; }

    /// <summary>Only these scopes; null means every scope the viewer may see.</summary>
    public IReadOnlyList<MemoryScope>? Scopes { get; init; }

    /// <summary>Only these layers; null means all but <see cref="MemoryLayer.Working"/> of other sessions.</summary>
    public IReadOnlyList<MemoryLayer>? Layers { get; init; }

    public int Limit { get; init; } = 5;

    /// <summary>Also return superseded, forgotten and expired items.</summary>
    public bool IncludeHistory { get; init; }

    public RetrievalMode Mode { get; init; } = RetrievalMode.Hybrid;
}
