namespace Chitin.Providers.Http;

/// <summary>Shows every response that leaves the retry pipeline to an observer; the response itself passes unchanged.</summary>
internal sealed class ResponseObserverHandler(Action<HttpResponseMessage> observe) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        observe(response);
        return response;
    }
}
