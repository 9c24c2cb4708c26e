namespace Chitin.Core.Middleware;

/// <summary>
/// Chat-client middleware that starts a stream again after a transient <see cref="ModelCallException"/>, with
/// jittered exponential backoff. <paramref name="retrying"/> hears of each retry before the wait (attempt, reason,
/// delay), so a consumer can drop the updates of the failed attempt and tell the user.
/// </summary>
public sealed class StreamRetryChatClient(IChatClient inner, int maxRetries, TimeProvider time, Action<int, string, TimeSpan>? retrying = null)
    : DelegatingChatClient(inner)
{
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var history = messages as IList<ChatMessage> ?? messages.ToList();
        for (var attempt = 0; ; attempt++)
        {
            ModelCallException failure;
            var enumerator = base.GetStreamingResponseAsync(history, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    try
                    {
                        if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                        {
                            yield break;
                        }
                    }
                    catch (ModelCallException ex)
                    {
                        failure = ex;
                        break;
                    }

                    yield return enumerator.Current;
                }
            }
            finally
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }

            if (!failure.IsTransient || attempt >= maxRetries)
            {
                throw attempt == 0 || !failure.IsTransient
                    ? failure
                    : new ModelCallException($"{failure.Message} (gave up after {attempt + 1} attempts)", false, failure.StatusCode, failure);
            }

            var delay = Backoff(attempt);
            retrying?.Invoke(attempt + 1, failure.Message, delay);
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static TimeSpan Backoff(int attempt)
    {
        var baseMs = Math.Min(5_000, 200 * Math.Pow(2, attempt));
        var jitter = 0.75 + (Random.Shared.NextDouble() * 0.5);
        return TimeSpan.FromMilliseconds(baseMs * jitter);
    }
}
