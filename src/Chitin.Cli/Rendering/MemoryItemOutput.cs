namespace Chitin.Cli.Rendering;

/// <summary>One memory item as <c>chitin memory ... --json</c> prints it; <see cref="Score"/> is set by search only.</summary>
public sealed record MemoryItemOutput(
    string Id,
    string Text,
    string Layer,
    string Scope,
    string ScopeKey,
    string? Subject,
    IReadOnlyList<string> Tags,
    bool Pinned,
    bool Current,
    string SourceKind,
    string? SourceReference,
    int? SourceLine,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidTo,
    DateTimeOffset? ExpiresAt,
    string? Supersedes,
    string? SupersededBy,
    string? EndReason,
    double? Score = null)
{
    public static MemoryItemOutput From(MemoryItem item, DateTimeOffset now, double? score = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new(
            item.Id,
            item.Text,
            MemoryNames.Of(item.Layer),
            MemoryNames.Of(item.Scope),
            item.ScopeKey,
            item.Subject,
            item.Tags,
            item.Pinned,
            item.IsCurrent(now),
            StoredNames.Name(item.Source.Kind),
            item.Source.Reference,
            item.Source.Line,
            item.CreatedAt,
            item.UpdatedAt,
            item.ValidFrom,
            item.ValidTo,
            item.ExpiresAt,
            item.Supersedes,
            item.SupersededBy,
            item.EndReason,
            score is { } s ? Math.Round(s, 6) : null);
    }
}
