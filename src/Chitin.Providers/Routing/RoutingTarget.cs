namespace Chitin.Providers.Routing;

/// <summary>An endpoint and the client that calls it. <see cref="RetryAfter"/> holds the wait its last 429 asked for.</summary>
public sealed class RoutingTarget(RoutedEndpoint endpoint, IChatClient client)
{
    private long _retryAfterTicks = -1;

    public RoutedEndpoint Endpoint { get; } = endpoint;

    public IChatClient Client { get; } = client;

    public TimeSpan? RetryAfter
    {
        get
        {
            long ticks = Interlocked.Read(ref _retryAfterTicks);
            return ticks < 0 ? null : TimeSpan.FromTicks(ticks);
        }
    }

    /// <summary>Called from the endpoint's HTTP pipeline with each response; keeps Retry-After of 429s.</summary>
    public void Observe(TimeSpan? retryAfter) => Interlocked.Exchange(ref _retryAfterTicks, retryAfter?.Ticks ?? -1);
}
