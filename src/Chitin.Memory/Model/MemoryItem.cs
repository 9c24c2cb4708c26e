namespace Chitin.Memory.Model;

/// <summary>
/// One stored piece of knowledge. Items are never changed silently: every change is appended to the history.
/// An item is current while <see cref="ValidTo"/> is unset (it has not been superseded or forgotten) and it has not expired.
/// </summary>
public sealed record MemoryItem
{
    /// <summary>Stable id, "mem_" followed by 16 lowercase hex digits.</summary>
    public required string Id { get; init; }

    public required string Text { get; init; }

    public MemoryLayer Layer { get; init; } = MemoryLayer.Semantic;

    public MemoryScope Scope { get; init; } = MemoryScope.User;

    /// <summary>"" for user scope; workspace path, agent name or session id otherwise.</summary>
    public string ScopeKey { get; init; } = "";

    /// <summary>Normalised subject ("user.editor", "project.test-command") used to find facts that replace each other.</summary>
    public string? Subject { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public bool Pinned { get; init; }

    public required MemorySource Source { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required DateTimeOffset ValidFrom { get; init; }

    /// <summary>When the item stopped being true (superseded or forgotten); null while current.</summary>
    public DateTimeOffset? ValidTo { get; init; }

    /// <summary>Optional expiry set by whoever saved it.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Id of the older item this one replaced.</summary>
    public string? Supersedes { get; init; }

    /// <summary>Id of the newer item that replaced this one.</summary>
    public string? SupersededBy { get; init; }

    /// <summary>Why the item ended ("superseded by mem_…", or the reason given to memory_forget).</summary>
    public string? EndReason { get; init; }

    public bool IsCurrent(DateTimeOffset now) => ValidTo is null && (ExpiresAt is null || ExpiresAt > now);
}
