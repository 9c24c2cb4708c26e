namespace Chitin.Providers.Http;

/// <summary>
/// Fails one attempt that gets no response headers within the timeout. Once headers arrive the timer is gone,
/// so a long streaming body is never cut (unlike HttpClient.Timeout or a Polly attempt timeout around the stream).
/// The failure is an <see cref="HttpRequestException"/> wrapping a <see cref="TimeoutException"/>, which the retry
/// strategy and the SDKs treat as a network failure.
/// </summary>
internal sealed class ResponseHeadersTimeoutHandler(TimeSpan timeout) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            return await base.SendAsync(request, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            string message = string.Create(
                CultureInfo.InvariantCulture,
                $"no response within {timeout.TotalSeconds:0.###} s (RequestTimeout)");
            throw new HttpRequestException(HttpRequestError.Unknown, message, new TimeoutException(message, ex));
        }
    }
}
