namespace Chitin.Providers.Routing.Telemetry;

/// <summary>
/// Whether an endpoint may take calls now: 429 cool-down as Retry-After says, a breaker that opens after repeated
/// server failures and backs off (doubling) each time a trial call fails, and hours out after 401/402. Thread-safe.
/// </summary>
public sealed class EndpointHealth(RoutingOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _coolDownUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _breakerUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _disabledUntil = DateTimeOffset.MinValue;
    private int _consecutiveFailures;
    private int _opens;
    private string? _disabledWhy;

    public bool BreakerOpen
    {
        get
        {
            lock (_gate)
            {
                return _breakerUntil > time.GetUtcNow();
            }
        }
    }

    /// <summary>Why no call may go here now, or null when one may.</summary>
    public string? Gate()
    {
        DateTimeOffset now = time.GetUtcNow();
        lock (_gate)
        {
            if (_disabledUntil > now)
            {
                return $"disabled until {Clock(_disabledUntil)}: {_disabledWhy}";
            }

            if (_breakerUntil > now)
            {
                return $"breaker open until {Clock(_breakerUntil)} after {_consecutiveFailures} failures in a row";
            }

            return _coolDownUntil > now ? $"rate limited until {Clock(_coolDownUntil)} (Retry-After)" : null;
        }
    }

    public void OnSuccess()
    {
        lock (_gate)
        {
            _consecutiveFailures = 0;
            _opens = 0;
        }
    }

    /// <param name="retryAfter">What the server asked for with a 429; null when it said nothing.</param>
    public void OnFailure(ErrorClass error, TimeSpan? retryAfter = null)
    {
        DateTimeOffset now = time.GetUtcNow();
        lock (_gate)
        {
            switch (error)
            {
                case ErrorClass.RateLimited:
                    _coolDownUntil = now + (retryAfter ?? options.DefaultRateLimitCoolDown);
                    break;
                case ErrorClass.Unauthorized or ErrorClass.PaymentRequired:
                    _disabledUntil = now + options.AuthFailureDisable;
                    _disabledWhy = error == ErrorClass.Unauthorized ? "the API key was rejected (401/403)" : "payment required (402)";
                    break;
                case ErrorClass.ServerError:
                    _consecutiveFailures++;
                    if (_consecutiveFailures >= options.BreakerThreshold)
                    {
                        // After the open period one trial call goes through (the failure count stays at the threshold), and
                        // its failure reopens the breaker for twice as long.
                        double factor = Math.Pow(2, Math.Min(_opens, 16));
                        TimeSpan delay = TimeSpan.FromTicks((long)Math.Min(options.BreakerMaxDelay.Ticks, options.BreakerBaseDelay.Ticks * factor));
                        _breakerUntil = now + delay;
                        _opens++;
                    }

                    break;
            }
        }
    }

    private static string Clock(DateTimeOffset at) => at.ToString("HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
