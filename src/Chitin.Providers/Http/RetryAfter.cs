namespace Chitin.Providers.Http;

/// <summary>Reads how long a server asked us to wait: retry-after-ms, then Retry-After as seconds or an HTTP date.</summary>
internal static class RetryAfter
{
    public static TimeSpan? Read(HttpResponseMessage? response, TimeProvider time)
    {
        if (response is null)
        {
            return null;
        }

        if (TryReadNumber(response, "retry-after-ms", out double milliseconds))
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta;
            }

            if (retryAfter.Date is { } date)
            {
                TimeSpan wait = date - time.GetUtcNow();
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        // Some servers send fractional seconds ("1.5"), which the typed header rejects.
        return TryReadNumber(response, "Retry-After", out double seconds) ? TimeSpan.FromSeconds(seconds) : null;
    }

    private static bool TryReadNumber(HttpResponseMessage response, string header, out double value)
    {
        value = 0;
        return response.Headers.TryGetValues(header, out IEnumerable<string>? values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && value >= 0
            && double.IsFinite(value);
    }
}
