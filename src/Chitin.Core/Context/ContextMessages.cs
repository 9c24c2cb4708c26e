namespace Chitin.Core.Context;

/// <summary>
/// Builds what the model is sent from the stored transcript: the frozen system prompt, then either every message or,
/// after a compaction marker, the marker's summary followed by the messages it did not replace, with tool results
/// it pruned replaced by short stubs. Deterministic: the same transcript always gives byte-identical messages.
/// </summary>
public static class ContextMessages
{
    public const string SummaryOpen = "<conversation-summary>";
    public const string SummaryClose = "</conversation-summary>";

    public static List<ChatMessage> Build(string systemPrompt, IReadOnlyList<SessionMessage> transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var marker = LatestMarker(transcript);
        var messages = new List<ChatMessage>(transcript.Count + 2) { new(ChatRole.System, systemPrompt) };
        if (marker is { Text: { Length: > 0 } summary, CompactsThrough: > 0 })
        {
            messages.Add(SummaryMessage(summary));
        }

        foreach (var m in ContextBudget.ActiveMessages(transcript, marker))
        {
            messages.Add(ToChatMessage(m, marker));
        }

        return messages;
    }

    /// <summary>The chat message for one stored message under the given marker (pruned tool results become stubs).</summary>
    public static ChatMessage ToChatMessage(SessionMessage message, SessionMessage? marker)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Role == MessageRole.Tool && marker?.PrunedThrough is { } pruned && message.Sequence <= pruned && (message.Text?.Length ?? 0) > PruneStubMinChars)
        {
            return TranscriptMapper.ToChatMessage(message with
            {
                Text = $"[Earlier {message.ToolName} result pruned to save context ({message.Text!.Length} chars). It is kept in the session transcript; run the tool again if you need it.]",
            });
        }

        return TranscriptMapper.ToChatMessage(message);
    }

    public static SessionMessage? LatestMarker(IReadOnlyList<SessionMessage> transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        for (var i = transcript.Count - 1; i >= 0; i--)
        {
            if (transcript[i].Kind == MessageKind.Compaction && !transcript[i].Rewound)
            {
                return transcript[i];
            }
        }

        return null;
    }

    public static ChatMessage SummaryMessage(string summary) =>
        new(ChatRole.User, $"{SummaryOpen}\nThe earlier part of this conversation was compacted. Summary:\n{summary}\n{SummaryClose}");

    /// <summary>Short tool results are not worth a stub.</summary>
    private const int PruneStubMinChars = 400;
}
