namespace Chitin.Core.Agents;

/// <summary>
/// A model that answers in process (the demo model, scripted stand-ins in tests and benchmarks): it only streams, and
/// a whole response is its stream joined, as a provider's would be. <see cref="Answer"/> writes an answer the way
/// providers stream one: text in small pieces, then the tool calls, then the finish reason with the usage.
/// </summary>
public abstract class InProcessChatClient : IChatClient
{
    private const int PieceChars = 16;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public abstract IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default);

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>The updates of one answer: text pieces, tool calls, then the finish reason and usage.</summary>
    public static IEnumerable<ChatResponseUpdate> Answer(string model, string text, IReadOnlyList<FunctionCallContent> toolCalls, long inputTokens, long cachedInputTokens, long outputTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(toolCalls);
        for (var i = 0; i < text.Length; i += PieceChars)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, text.Substring(i, Math.Min(PieceChars, text.Length - i))) { ModelId = model };
        }

        foreach (var call in toolCalls)
        {
            yield return new ChatResponseUpdate { Role = ChatRole.Assistant, ModelId = model, Contents = [call] };
        }

        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ModelId = model,
            FinishReason = toolCalls.Count > 0 ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
            Contents =
            [
                new UsageContent(new UsageDetails
                {
                    InputTokenCount = inputTokens,
                    CachedInputTokenCount = cachedInputTokens,
                    OutputTokenCount = outputTokens,
                    TotalTokenCount = inputTokens + outputTokens,
                }),
            ],
        };
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
