namespace Chitin.Core.Agents;

/// <summary>What a resumed session needs before its next call: answers for calls left without results, and a title for new sessions.</summary>
internal static class SessionOpening
{
    /// <summary>An error result for every tool call in <paramref name="messages"/> that has none.</summary>
    public static IEnumerable<SessionMessage> Answers(IReadOnlyList<SessionMessage> messages, DateTimeOffset now)
    {
        var answered = messages.Where(m => m.Role == MessageRole.Tool && m.ToolCallId is not null).Select(m => m.ToolCallId!).ToHashSet(StringComparer.Ordinal);
        return messages
            .Where(m => m.Role == MessageRole.Assistant && m.ToolCalls is not null)
            .SelectMany(m => m.ToolCalls!.Select(c => (Call: c, m.Step)))
            .Where(x => !answered.Contains(x.Call.Id))
            .Select(x => new SessionMessage
            {
                Role = MessageRole.Tool,
                ToolCallId = x.Call.Id,
                ToolName = x.Call.Name,
                Text = "Interrupted: the previous run stopped before this call finished. Its effect is unknown; check before repeating it.",
                IsError = true,
                Step = x.Step,
                CreatedAt = now,
            })
            .ToList();
    }

    /// <summary>The first line of the prompt, cut to 80 characters.</summary>
    public static string TitleFrom(string prompt)
    {
        var firstLine = prompt.AsSpan().Trim();
        var newline = firstLine.IndexOfAny('\r', '\n');
        if (newline >= 0)
        {
            firstLine = firstLine[..newline];
        }

        return firstLine.Length <= 80 ? firstLine.ToString() : string.Concat(firstLine[..79], "…");
    }
}
