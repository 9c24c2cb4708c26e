namespace Chitin.Providers.Chat;

/// <summary>
/// A stream that ends without a finish reason was cut off (a proxy closed it cleanly, the server crashed between
/// chunks): throw a transient <see cref="ModelCallException"/> instead of letting a half answer pass as complete.
/// </summary>
public sealed class StreamCompletionGuardChatClient(IChatClient innerClient, string endpointDescription) : DelegatingChatClient(innerClient)
{
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        bool finished = false;
        await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            finished |= update.FinishReason is not null;
            yield return update;
        }

        if (!finished)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new ModelCallException(
                $"the stream from {endpointDescription} ended before the model finished (no finish reason): the connection was probably cut",
                isTransient: true);
        }
    }
}
