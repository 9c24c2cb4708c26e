using Chitin.Core.Context;
using Chitin.Core.Sessions;
using Chitin.Core.Tools;
using Microsoft.Extensions.AI;

namespace Chitin.Cli.Context;

/// <summary>Token counts the way the agent loop estimates them (same per-message and per-tool overheads).</summary>
public static class ContextTokens
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
