namespace Chitin.Providers.Routing.Telemetry;

/// <summary>How a call to an endpoint ended, as far as routing cares.</summary>
public enum ErrorClass
{
    None,

    /// <summary>429: the endpoint cools down for as long as Retry-After says.</summary>
    RateLimited,

    /// <summary>5xx, 529, dropped connection, cut stream, timeout: counts toward the breaker.</summary>
    ServerError,

    /// <summary>401/403: the key is wrong; the endpoint is disabled for hours.</summary>
    Unauthorized,

    /// <summary>402: out of credit; the endpoint is disabled for hours.</summary>
    PaymentRequired,

    /// <summary>400/404/413/422: this request cannot work here (too long, unknown model); not the endpoint's health.</summary>
    BadRequest,
}
