using System.Net;
using System.Net.Http.Headers;
using Chitin.Providers.Http;

namespace Chitin.Providers.Tests.Http;

public sealed class RetryAfterTests
{
    [Fact]
    public void ReadsDeltaSeconds()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfter.Read(response, TimeProvider.System));
    }

    [Fact]
    public void ReadsAnHttpDateRelativeToNow()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("Retry-After", now.AddSeconds(30).ToString("R"));

        TimeSpan? wait = RetryAfter.Read(response, TimeProvider.System);

        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromSeconds(28), TimeSpan.FromSeconds(31));
    }

    [Fact]
    public void ADateInThePastMeansNoWait()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("Retry-After", DateTimeOffset.UtcNow.AddMinutes(-5).ToString("R"));

        Assert.Equal(TimeSpan.Zero, RetryAfter.Read(response, TimeProvider.System));
    }

    [Fact]
    public void PrefersRetryAfterMilliseconds()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("retry-after-ms", "250");
        response.Headers.TryAddWithoutValidation("Retry-After", "9");

        Assert.Equal(TimeSpan.FromMilliseconds(250), RetryAfter.Read(response, TimeProvider.System));
    }

    [Fact]
    public void AcceptsFractionalSecondsAndIgnoresGarbage()
    {
        using var fractional = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        fractional.Headers.TryAddWithoutValidation("Retry-After", "1.5");
        using var garbage = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        garbage.Headers.TryAddWithoutValidation("Retry-After", "soon");
        using var none = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Equal(TimeSpan.FromSeconds(1.5), RetryAfter.Read(fractional, TimeProvider.System));
        Assert.Null(RetryAfter.Read(garbage, TimeProvider.System));
        Assert.Null(RetryAfter.Read(none, TimeProvider.System));
    }
}
