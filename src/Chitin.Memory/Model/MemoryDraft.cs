namespace Chitin.Memory.Model;

/// <summary>What a writer asks to store. The store assigns id, timestamps and the scope key (from the writer) when not given.</summary>
public sealed record MemoryDraft
{
    public required string Text { get; init; }

    public MemoryLayer Layer { get; init; } = MemoryLayer.Semantic;

    public MemoryScope Scope { get; init; } = MemoryScope.User;

    /// <summary>Explicit scope key (imports); null takes it from the writer's <see cref="MemoryViewer"/>.</summary>
    public string? ScopeKey { get; init; }

    /// <summary>Explicit subject; null lets the store derive one from the text.</summary>
    public string? Subject { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public bool Pinned { get; init; }

    public required MemorySource Source { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When the fact became true; null means now.</summary>
    public DateTimeOffset? ValidFrom { get; init; }
}
