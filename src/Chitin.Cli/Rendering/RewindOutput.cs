namespace Chitin.Cli.Rendering;

/// <summary>What <c>sessions rewind --json</c> prints: "rewound", or "conflict" with the files someone else changed.</summary>
public sealed record RewindOutput(
    string Status,
    string SessionId,
    long? RewindId,
    int Turns,
    IReadOnlyList<FileChangeOutput> Files,
    int MessagesRewound,
    int MessagesRestored,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Conflicts,
    string? Error)
{
    public static RewindOutput From(RewindResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new RewindOutput("rewound", result.SessionId, result.RewindId, result.Turns, [.. result.Files.Select(FileChangeOutput.From)],
            result.MessagesRewound, result.MessagesRestored, result.Notes, [], null);
    }

    public static RewindOutput Failed(string sessionId, int turns, CheckpointException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var conflicts = (error as RewindConflictException)?.Paths ?? [];
        return new RewindOutput(conflicts.Count > 0 ? "conflict" : "error", sessionId, null, turns, [], 0, 0, [], conflicts, error.Message);
    }
}
