namespace Chitin.Memory.Model;

/// <summary>A listing without ranking, newest first. Every filter is optional.</summary>
public sealed record MemoryListQuery
{
    /// <summary>Restrict to what this viewer may see; null lists everything (the CLI user owns the store).</summary>
    public MemoryViewer? Viewer { get; init; }

    public IReadOnlyList<MemoryScope>? Scopes { get; init; }

    public IReadOnlyList<MemoryLayer>? Layers { get; init; }

    public MemorySourceKind? SourceKind { get; init; }

    /// <summary>Exact <see cref="MemorySource.Reference"/>, e.g. an import file's full path.</summary>
    public string? SourceReference { get; init; }

    public bool PinnedOnly { get; init; }

    public bool IncludeHistory { get; init; }

    public int Limit { get; init; } = 100;

    public int Offset { get; init; }
}
