namespace Chitin.Providers.Http;

/// <summary>
/// The HttpClient both SDKs send through: cancellable body (outermost) → retry → per-attempt response-headers timeout → sockets.
/// HttpClient.Timeout is infinite because it would also bound retries' waits.
/// </summary>
internal static class ModelHttpClient
{
    /// <param name="observe">Sees every final response (after retries), e.g. to keep a 429's Retry-After for routing.</param>
    public static HttpClient Create(ProviderSettings settings, ILogger logger, TimeProvider time, Action<HttpResponseMessage>? observe = null)
    {
        var sockets = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (settings.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            sockets.ConnectTimeout = settings.RequestTimeout;
        }

        var headersTimeout = new ResponseHeadersTimeoutHandler(settings.RequestTimeout) { InnerHandler = sockets };
        var retry = new ResilienceHandler(ModelRetryPipeline.Create(settings, logger, time)) { InnerHandler = headersTimeout };
        HttpMessageHandler belowBody = observe is null ? retry : new ResponseObserverHandler(observe) { InnerHandler = retry };
        var cancellable = new CancellableBodyHandler { InnerHandler = belowBody };
        return new HttpClient(cancellable, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
