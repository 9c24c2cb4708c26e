namespace Chitin.Skills.Distill;

/// <summary>
/// Decides whether a session is a success worth distilling: its status is done, it has a task and a final answer,
/// and no tool error is left unresolved. A tool error is unresolved when the last call of that tool failed, i.e.
/// no later call of the same tool succeeded; an error followed by a successful retry is how work normally goes.
/// </summary>
internal static class SessionSuccess
{
    /// <summary>Why the session cannot be distilled, or null when it can.</summary>
    public static string? WhyNot(SessionInfo session, IReadOnlyList<SessionMessage> messages) =>
        WhyNot(session.Id, session.Status == SessionStatus.Done, session.Status.ToString(), messages);

    /// <summary>Why a session whose status is <paramref name="statusName"/> (done when <paramref name="done"/>) cannot be distilled, or null when it can.</summary>
    public static string? WhyNot(string sessionId, bool done, string statusName, IReadOnlyList<SessionMessage> messages)
    {
        if (!done)
        {
            return $"Session {sessionId} is {statusName.ToLowerInvariant()}, not done. Only a session whose task completed can be distilled into a skill.";
        }

        var transcript = messages.Where(m => m.Kind == MessageKind.Message).ToList();
        if (!transcript.Any(m => m.Role == MessageRole.User && !string.IsNullOrWhiteSpace(m.Text)))
        {
            return $"Session {sessionId} has no task prompt to learn from.";
        }

        var last = transcript.LastOrDefault(m => m.Role == MessageRole.Assistant);
        if (last is null || last.ToolCalls is { Count: > 0 } || string.IsNullOrWhiteSpace(last.Text))
        {
            return $"Session {sessionId} does not end with a final answer from the model, so there is no finished task to learn from.";
        }

        var unresolved = UnresolvedErrors(transcript);
        if (unresolved.Count > 0)
        {
            var list = string.Join("; ", unresolved.Select(m => $"{m.ToolName}: {Excerpt(m.Text)}"));
            return $"Session {sessionId} ended with unresolved tool errors ({list}). A skill is distilled only from a run whose last call of each tool succeeded.";
        }

        return null;
    }

    /// <summary>The last result of each tool, where that result is an error.</summary>
    public static IReadOnlyList<SessionMessage> UnresolvedErrors(IEnumerable<SessionMessage> transcript) =>
        transcript
            .Where(m => m.Role == MessageRole.Tool)
            .GroupBy(m => m.ToolName ?? "", StringComparer.Ordinal)
            .Select(g => g.Last())
            .Where(m => m.IsError)
            .ToList();

    public static int ToolCallCount(IEnumerable<SessionMessage> messages) =>
        messages.Where(m => m.Kind == MessageKind.Message && m.Role == MessageRole.Assistant).Sum(m => m.ToolCalls?.Count ?? 0);

    private static string Excerpt(string? text)
    {
        var line = (text ?? "").ReplaceLineEndings(" ").Trim();
        return line.Length <= 100 ? line : line[..99] + "…";
    }
}
