namespace Chitin.Core.Context;

/// <summary>
/// The one copy of the context's token formulas (per-message, per-call and per-tool overheads) and of the filter
/// for active messages: the loop, the compactor, <c>chitin context</c> and <c>sessions compact</c> all use it.
/// </summary>
public static class ContextBudget
{
    private const int MessageOverhead = 4;
    private const int ToolCallOverhead = 4;
    private const int ToolSchemaOverhead = 8;

    /// <summary>One tool's declaration as the model receives it.</summary>
    public static int OfTool(ITokenCounter counter, ITool tool)
    {
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(tool);
        return counter.CountTokens(tool.Name + tool.Description + tool.ParametersSchema.GetRawText()) + ToolSchemaOverhead;
    }

    /// <summary>What every call carries before the conversation: the system prompt and the tool declarations.</summary>
    public static int FixedTokens(ITokenCounter counter, string systemPrompt, IEnumerable<ITool> tools)
    {
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(tools);
        return counter.CountTokens(systemPrompt) + tools.Sum(t => OfTool(counter, t));
    }

    /// <summary>The messages the next call sends in full: not compaction markers, not rewound, and after the latest marker's reach.</summary>
    public static IEnumerable<SessionMessage> ActiveMessages(IEnumerable<SessionMessage> transcript, SessionMessage? marker)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var through = marker?.CompactsThrough ?? 0;
        return transcript.Where(m => m.Kind == MessageKind.Message && !m.Rewound && m.Sequence > through);
    }

    /// <summary>A stored message, as the loop counts it when deciding to compact.</summary>
    public static int OfSessionMessage(ITokenCounter counter, SessionMessage message)
    {
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(message);
        return MessageOverhead + counter.CountTokens(message.Text ?? "")
            + (message.ToolCalls?.Sum(c => counter.CountTokens(c.Name) + counter.CountTokens(c.ArgumentsJson) + ToolCallOverhead) ?? 0);
    }

    /// <summary>A message as it will be sent (pruned tool results are counted as their stubs).</summary>
    public static int OfChatMessage(ITokenCounter counter, ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(message);
        var tokens = MessageOverhead;
        foreach (var content in message.Contents)
        {
            tokens += content switch
            {
                TextContent text => counter.CountTokens(text.Text ?? ""),
                FunctionCallContent call => counter.CountTokens(call.Name) + counter.CountTokens(TranscriptMapper.SerializeArguments(call.Arguments)) + ToolCallOverhead,
                FunctionResultContent result => counter.CountTokens(result.Result?.ToString() ?? ""),
                _ => 0,
            };
        }

        return tokens;
    }
}
