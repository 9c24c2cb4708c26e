namespace Chitin.Memory.Sync;

/// <summary>
/// Decides an imported entry's layer and scope from its file's role, and for long-term memory and CLAUDE.md, from its
/// wording: an instruction (it starts with an imperative such as "Always", "Run", "Use", "Don't", or says "must" or
/// "should") or an entry under a heading about how work is done ("Commands", "Workflow", "Code style", …) is
/// procedural; anything else is a semantic fact.
/// </summary>
internal static class EntryClassifier
{
    private static readonly HashSet<string> Imperatives = new(StringComparer.Ordinal)
    {
        "always", "never", "don't", "dont", "do", "use", "run", "prefer", "avoid", "ensure", "make", "keep", "write",
        "add", "follow", "put", "call", "check", "remember", "build", "test", "install", "commit", "format", "lint",
        "create", "update", "read", "ask", "start", "stop", "set", "place", "name", "document", "only", "before", "after",
        "when", "if", "include", "exclude", "push", "merge", "rebase", "review", "respond", "reply", "answer", "explain",
        "favor", "favour", "be", "try", "let", "store", "save", "open", "close", "log", "report", "verify", "validate",
    };

    private static readonly HashSet<string> Modals = new(StringComparer.Ordinal) { "must", "should", "shall", "mustn't", "shouldn't" };

    private static readonly string[] ProceduralHeadings =
    [
        "command", "workflow", "style", "convention", "guideline", "rule", "instruction", "process", "procedure", "how-to",
        "howto", "build", "test", "lint", "setup", "development", "git", "commit", "review", "deploy", "release", "do-s",
        "don-t", "dos", "donts", "practice", "usage",
    ];

    public static (MemoryLayer Layer, MemoryScope Scope) Classify(MemoryFileRole role, string text, IReadOnlyList<string> tags) => role switch
    {
        MemoryFileRole.DailyLog => (MemoryLayer.Episodic, MemoryScope.User),
        MemoryFileRole.UserProfile => (MemoryLayer.Semantic, MemoryScope.User),
        MemoryFileRole.AgentsProject => (MemoryLayer.Procedural, MemoryScope.Project),
        MemoryFileRole.ClaudeProject => (IsProcedural(text, tags) ? MemoryLayer.Procedural : MemoryLayer.Semantic, MemoryScope.Project),
        _ => (IsProcedural(text, tags) ? MemoryLayer.Procedural : MemoryLayer.Semantic, MemoryScope.User),
    };

    public static bool IsProcedural(string text, IReadOnlyList<string> tags)
    {
        if (tags.Any(tag => ProceduralHeadings.Any(h => tag.Contains(h, StringComparison.Ordinal))))
        {
            return true;
        }

        var words = Words(text);
        return words.Count > 0 && (Imperatives.Contains(words[0]) || words.Any(Modals.Contains));
    }

    private static List<string> Words(string text) =>
        text.ToLowerInvariant()
            .Split([' ', ',', ';', ':', '.', '!', '?', '(', ')', '*', '_', '`', '"'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Replace('\u2019', '\''))
            .ToList();
}
