using System.Net;
using Chitin.Providers.Configuration;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;

namespace Chitin.Providers.Http;

/// <summary>
/// The HttpClient both SDKs send through: cancellable body (outermost) → retry → per-attempt response-headers timeout → sockets.
/// HttpClient.Timeout is infinite because it would also bound retries' waits.
/// </summary>
internal static class ModelHttpClient
{
    public static HttpClient Create(ProviderSettings settings, ILogger logger, TimeProvider time)
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
        var cancellable = new CancellableBodyHandler { InnerHandler = retry };
        return new HttpClient(cancellable, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
