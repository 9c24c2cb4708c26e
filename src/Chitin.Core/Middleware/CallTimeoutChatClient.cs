namespace Chitin.Core.Middleware;

/// <summary>
/// Chat-client middleware that bounds one model call and turns transport failures into
/// <see cref="ModelCallException"/>s (transient, so <see cref="StreamRetryChatClient"/> may retry them). A stream
/// ends as soon as its token fires, even when a provider's SDK reads its body without observing the token.
/// </summary>
public sealed class CallTimeoutChatClient(IChatClient inner, TimeSpan timeout) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var call = Deadline(cancellationToken);
        try
        {
            return await base.GetResponseAsync(messages, options, call.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, call, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var call = Deadline(cancellationToken);
        var enumerator = CancellableStream.Of(base.GetStreamingResponseAsync(messages, options, call.Token), call.Token).GetAsyncEnumerator(call.Token);
        try
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }

                    update = enumerator.Current;
                }
                catch (Exception ex) when (Translate(ex, call, cancellationToken) is { } failure)
                {
                    throw failure;
                }

                yield return update;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout > TimeSpan.Zero)
        {
            call.CancelAfter(timeout);
        }

        return call;
    }

    /// <returns>The failure to throw instead, or null to let the exception pass (the caller cancelled, or it is already classified).</returns>
    private ModelCallException? Translate(Exception ex, CancellationTokenSource call, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        OperationCanceledException when call.IsCancellationRequested =>
            new ModelCallException($"The model call timed out after {timeout.TotalSeconds:0} s.", isTransient: true, innerException: ex),
        HttpRequestException or IOException or TimeoutException or JsonException =>
            new ModelCallException($"The model call failed: {ex.Message}", isTransient: true, innerException: ex),
        _ => null,
    };
}
