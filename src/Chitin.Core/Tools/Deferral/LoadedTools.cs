namespace Chitin.Core.Tools.Deferral;

/// <summary>
/// Which deferred tools a session has loaded, read from its transcript: the names on the first line of each
/// successful <c>tool_search</c> result, in first-load order. Keeping the set in the transcript makes it persist
/// with the session (resume and chat see the same tools) without a separate store.
/// </summary>
public static class LoadedTools
{
    public const string ResultPrefix = "Loaded tools: ";

    /// <summary>
    /// The loaded set. Tools loaded by results that a compaction marker replaced stay loaded only if the session has
    /// called them: compaction unloads tools that were never used.
    /// </summary>
    public static IReadOnlyList<string> From(IEnumerable<SessionMessage> transcript, SessionMessage? marker)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var messages = transcript.Where(m => m.Kind == MessageKind.Message).ToList();
        var called = messages
            .Where(m => m.ToolCalls is not null)
            .SelectMany(m => m.ToolCalls!.Select(c => c.Name))
            .ToHashSet(StringComparer.Ordinal);
        var through = marker?.CompactsThrough ?? 0;
        var loaded = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            foreach (var name in Parse(message))
            {
                if ((message.Sequence > through || called.Contains(name)) && seen.Add(name))
                {
                    loaded.Add(name);
                }
            }
        }

        return loaded;
    }

    /// <summary>The names a stored message loads: none unless it is a successful tool_search result.</summary>
    public static IReadOnlyList<string> Parse(SessionMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Role != MessageRole.Tool || message.IsError || message.ToolName != ToolSearchTool.ToolName || message.Text is not { } text)
        {
            return [];
        }

        var start = text.IndexOf(ResultPrefix, StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        start += ResultPrefix.Length;
        var end = text.IndexOf('\n', start);
        var line = end < 0 ? text[start..] : text[start..end];
        return line.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
