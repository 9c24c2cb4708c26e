namespace Chitin.Memory.Storage;

/// <summary>A validated draft with everything the store derives from it: scope key, subject, normalised text, clean tags.</summary>
internal sealed record PreparedDraft(
    MemoryDraft Draft,
    string Text,
    string ScopeKey,
    string? Subject,
    bool SubjectExplicit,
    IReadOnlyList<string> Tags,
    string? OriginSession,
    string Normalized,
    long NormalizedHash)
{
    /// <summary>Facts are meant to be short; anything longer belongs in a file, not in memory.</summary>
    public const int MaxTextChars = 16_000;

    public const int MaxTags = 32;

    public static PreparedDraft From(MemoryDraft draft, MemoryViewer writer)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(draft.Source);
        var text = ValidText(draft.Text, nameof(draft));
        var scopeKey = ScopeKeyFor(draft, writer);
        var explicitSubject = SubjectExtractor.NormalizeExplicit(draft.Subject);
        var subject = explicitSubject ?? SubjectExtractor.Extract(text);
        var normalized = MemoryText.Normalize(text);
        return new PreparedDraft(
            draft,
            text,
            scopeKey,
            subject,
            explicitSubject is not null,
            CleanTags(draft.Tags),
            string.IsNullOrEmpty(writer.SessionId) ? null : writer.SessionId,
            normalized,
            MemoryText.NormalizedHash(normalized));
    }

    public static string ValidText(string? text, string parameter)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new ArgumentException("A memory item needs some text; it was empty.", parameter);
        }

        if (trimmed.Length > MaxTextChars)
        {
            throw new ArgumentException(
                $"A memory item holds at most {MaxTextChars:N0} characters; this text has {trimmed.Length:N0}. Save a short fact and keep long material in a file.",
                parameter);
        }

        return trimmed;
    }

    /// <summary>Tags merged without case-insensitive repeats, in first-seen order.</summary>
    public static IReadOnlyList<string> MergeTags(IEnumerable<string> first, IEnumerable<string> second) =>
        CleanTags(first.Concat(second));

    private static IReadOnlyList<string> CleanTags(IEnumerable<string>? tags) =>
        (tags ?? [])
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Select(t => t.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(MaxTags)
            .ToList();

    private static string ScopeKeyFor(MemoryDraft draft, MemoryViewer writer)
    {
        var key = draft.Scope switch
        {
            MemoryScope.User => "",
            MemoryScope.Project => draft.ScopeKey ?? writer.Workspace,
            MemoryScope.Agent => draft.ScopeKey ?? writer.Agent,
            MemoryScope.Session => draft.ScopeKey ?? writer.SessionId,
            _ => throw new ArgumentOutOfRangeException(nameof(draft), draft.Scope, "Unknown memory scope."),
        };
        if (draft.Scope != MemoryScope.User && string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException(
                draft.Scope switch
                {
                    MemoryScope.Project => "A project-scoped memory needs a workspace: the writer has none and the draft gives no ScopeKey.",
                    MemoryScope.Agent => "An agent-scoped memory needs an agent name: the writer has none and the draft gives no ScopeKey.",
                    _ => "A session-scoped memory needs a session: the writer has no SessionId and the draft gives no ScopeKey. Use user or project scope outside a session.",
                },
                nameof(draft));
        }

        return ScopeCodes.NormalizeKey(draft.Scope, key ?? "");
    }
}
