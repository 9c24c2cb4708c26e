namespace Chitin.Core.Context;

/// <summary>The compaction marker of a stage boundary: everything so far is replaced by the run's task and the caller's digest.</summary>
public static class ContextRebuildMarker
{
    /// <param name="latest">The current run's message; the session's first message is the task (a resumed run's "continue" is not).</param>
    public static SessionMessage For(string latest, string digest, IReadOnlyList<SessionMessage> transcript, int step, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var through = transcript.Count == 0 ? 0 : transcript[^1].Sequence;
        var first = transcript.FirstOrDefault(m => m.Role == MessageRole.User && m.Kind == MessageKind.Message && !m.Rewound)?.Text;
        var task = first is null || first == latest ? latest : $"{first}\n\nLatest instruction: {latest}";
        return new SessionMessage
        {
            Role = MessageRole.System,
            Kind = MessageKind.Compaction,
            Text = $"[The context was rebuilt at a stage boundary from the task's files; earlier messages remain in the session transcript.]\n\nYour task: {task}\n\n{digest}",
            CompactsThrough = through,
            PrunedThrough = through,
            Step = step,
            CreatedAt = at,
        };
    }
}
