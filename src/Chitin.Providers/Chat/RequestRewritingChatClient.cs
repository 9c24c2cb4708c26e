namespace Chitin.Providers.Chat;

/// <summary>
/// A middleware that changes each request on its way to the inner client, the same way for streaming and
/// non-streaming calls: override <see cref="RewriteMessages"/>, <see cref="RewriteOptions"/> or both. Responses pass
/// through unchanged.
/// </summary>
public abstract class RequestRewritingChatClient(IChatClient innerClient) : DelegatingChatClient(innerClient)
{
    public sealed override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(RewriteMessages(messages), RewriteOptions(options), cancellationToken);

    public sealed override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(RewriteMessages(messages), RewriteOptions(options), cancellationToken);

    /// <summary>The messages to send instead; the caller's as they are by default. Must not change the caller's objects.</summary>
    protected virtual IEnumerable<ChatMessage> RewriteMessages(IEnumerable<ChatMessage> messages) => messages;

    /// <summary>The options to send instead; the caller's as they are by default. Must not change the caller's object.</summary>
    protected virtual ChatOptions? RewriteOptions(ChatOptions? options) => options;
}
