namespace Chitin.Providers.Chat;

/// <summary>
/// Translates SDK and network exceptions of one model into <see cref="ModelCallException"/> (transient or not, with an
/// actionable message that never contains the API key). Caller cancellation still surfaces as
/// <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class ErrorTranslatingChatClient(IChatClient innerClient, ProviderSettings settings, string model)
    : DelegatingChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ModelErrorTranslator.Translate(ex, settings, model, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IAsyncEnumerator<ChatResponseUpdate> updates;
        try
        {
            updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception ex) when (ModelErrorTranslator.Translate(ex, settings, model, cancellationToken) is { } translated)
        {
            throw translated;
        }

        await using (updates.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (Exception ex) when (ModelErrorTranslator.Translate(ex, settings, model, cancellationToken) is { } translated)
                {
                    throw translated;
                }

                yield return updates.Current;
            }
        }
    }
}
