namespace Chitin.Providers.Routing;

/// <summary>Tuning of the router; the defaults suit interactive agent sessions.</summary>
public sealed record RoutingOptions
{
    public static RoutingOptions Default { get; } = new();

    /// <summary>What a second of waiting is worth under the balanced policy (default $0.36 per hour of waiting).</summary>
    public decimal ValueOfTimeUsdPerSecond { get; init; } = 0.0001m;

    /// <summary>How long a provider keeps a prefix cached; a session idle longer may move freely.</summary>
    public TimeSpan CacheLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Cap on the turns a session is assumed to have left. A session that has run k turns is assumed to run about k
    /// more, so one-shot calls are priced as one-shots and long sessions earn the cost of moving their cache.
    /// </summary>
    public int MaxExpectedRemainingTurns { get; init; } = 50;

    /// <summary>Output tokens a call is assumed to produce when nothing better is known.</summary>
    public int ExpectedOutputTokens { get; init; } = 500;

    /// <summary>Share of a prompt a following turn repeats (the conversation so far), what a prefix cache can serve.</summary>
    public double RepeatedPrefixShare { get; init; } = 0.9;

    /// <summary>
    /// Cache-hit rate assumed for an endpoint with a cached price but no measurement yet: the declaration is trusted
    /// until measurements outweigh it, so a caching endpoint gets the chance to prove itself.
    /// </summary>
    public double PriorCacheHitRate { get; init; } = 0.9;

    /// <summary>Measured repeated-prefix calls at which the measurement outweighs the prior.</summary>
    public int PriorWeightCalls { get; init; } = 2;

    /// <summary>Time to first token assumed before any is measured.</summary>
    public double PriorTimeToFirstTokenMs { get; init; } = 1000;

    /// <summary>Decode speed assumed before any is measured.</summary>
    public double PriorDecodeTokensPerSecond { get; init; } = 50;

    /// <summary>Consecutive server failures that open the breaker.</summary>
    public int BreakerThreshold { get; init; } = 3;

    /// <summary>How long the breaker stays open the first time; doubles each time it reopens.</summary>
    public TimeSpan BreakerBaseDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakerMaxDelay { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Cool-down after a 429 that carries no Retry-After.</summary>
    public TimeSpan DefaultRateLimitCoolDown { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a 401/402 takes an endpoint out of rotation.</summary>
    public TimeSpan AuthFailureDisable { get; init; } = TimeSpan.FromHours(6);
}
