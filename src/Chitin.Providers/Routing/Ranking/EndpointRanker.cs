namespace Chitin.Providers.Routing.Ranking;

/// <summary>
/// Orders endpoints for a call. Hard gates first (health, probe verdicts: suspect or conformance below 90%, context, budget); then the expected cost of the calls
/// the session has left at each endpoint, priced with the MEASURED cache-hit rate (misses at the input price, hits
/// at the cached price, cache writes, output, all divided by the success rate); then the expected time. Staying
/// where the session's prefix is cached falls out of the same sum: elsewhere the first call re-sends the prefix
/// uncached, so a move pays only when the saving over the remaining turns beats that re-write.
/// </summary>
public sealed class EndpointRanker(RoutingOptions options, VerdictBook? verdicts = null)
{
    private const double PerMillion = 1_000_000.0;
    private const double MinSuccessRate = 0.05;

    public RoutingOptions Options => options;

    /// <summary>The probe verdicts the gates read; empty until probes ran or were loaded.</summary>
    public VerdictBook Verdicts { get; } = verdicts ?? new VerdictBook();

    /// <summary>
    /// Ranks <paramref name="endpoints"/>: eligible ones best first, then excluded ones with the reason.
    /// <paramref name="gate"/> adds gates of the caller's (budgets) given the worst-case cost of the call there.
    /// </summary>
    public List<RankedEndpoint> Rank(
        IReadOnlyList<RoutedEndpoint> endpoints,
        RouteQuery query,
        RoutingPolicy policy,
        Func<RoutedEndpoint, double, string?>? gate = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(query);
        var ranked = new List<RankedEndpoint>(endpoints.Count);
        foreach (RoutedEndpoint endpoint in endpoints)
        {
            double cost = ExpectedCostPerCall(endpoint, query);
            double seconds = ExpectedSeconds(endpoint, query.OutputTokens);
            string? excluded = Exclusion(endpoint, query, gate);
            double score = policy switch
            {
                RoutingPolicy.Cheapest => cost,
                RoutingPolicy.Fastest => seconds,
                RoutingPolicy.Ordered => endpoint.Order,
                _ => cost + (seconds * (double)options.ValueOfTimeUsdPerSecond),
            };
            ranked.Add(new RankedEndpoint(endpoint.Settings, cost, seconds, score, excluded));
        }

        ranked.Sort((a, b) => Compare(a, b, policy));
        return ranked;
    }

    /// <summary>Mean cost of the session's remaining calls at <paramref name="endpoint"/>.</summary>
    public double ExpectedCostPerCall(RoutedEndpoint endpoint, RouteQuery query)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(query);
        int turns = Math.Max(1, query.Turns);
        double firstShare = string.Equals(endpoint.Name, query.CachedAt, StringComparison.OrdinalIgnoreCase) ? query.CachedShare : 0;
        double first = CallCost(endpoint, query.InputTokens, query.OutputTokens, firstShare);
        double rest = turns == 1 ? 0 : (turns - 1) * CallCost(endpoint, query.InputTokens, query.OutputTokens, options.RepeatedPrefixShare);
        return (first + rest) / turns;
    }

    /// <summary>Expected cost of one call whose prompt repeats <paramref name="repeatedShare"/> of what the endpoint saw before.</summary>
    public double CallCost(RoutedEndpoint endpoint, long inputTokens, long outputTokens, double repeatedShare)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        EndpointStats stats = endpoint.Telemetry.Stats;
        var price = endpoint.Settings.Price;
        double hits = inputTokens * Math.Clamp(repeatedShare, 0, 1) * HitRate(endpoint, stats);
        double misses = inputTokens - hits;
        double writeShare = stats.CacheWriteShare ?? (price.CacheWrite > 0 ? 1.0 : 0.0);
        double writes = misses * writeShare;
        double usd = (((misses - writes) * (double)price.Input) + (hits * (double)price.CachedInput) + (writes * (double)price.CacheWrite)
            + (outputTokens * (double)price.Output)) / PerMillion;
        return usd / Math.Max(MinSuccessRate, stats.SuccessRate);
    }

    /// <summary>Time to first token (p50) plus decoding, divided by the success rate (failures cost a retry).</summary>
    public double ExpectedSeconds(RoutedEndpoint endpoint, long outputTokens)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        EndpointStats stats = endpoint.Telemetry.Stats;
        double first = (stats.TimeToFirstTokenP50Ms ?? options.PriorTimeToFirstTokenMs) / 1000.0;
        double decode = stats.DecodeTokensPerSecond is > 0 and var rate ? rate : options.PriorDecodeTokensPerSecond;
        return (first + (outputTokens / decode)) / Math.Max(MinSuccessRate, stats.SuccessRate);
    }

    /// <summary>The most the call can cost at <paramref name="endpoint"/>: every prompt token uncached, every output token spent.</summary>
    public static double WorstCaseCost(EndpointSettings endpoint, long inputTokens, long maxOutputTokens)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        double input = inputTokens * (double)Math.Max(endpoint.Price.Input, endpoint.Price.CacheWrite);
        return (input + (maxOutputTokens * (double)endpoint.Price.Output)) / PerMillion;
    }

    /// <summary>
    /// The cache-hit rate to price with: measured, blended with the prior while few measurements exist. An endpoint
    /// without a cached price gains nothing from hits, so the rate does not matter there.
    /// </summary>
    private double HitRate(RoutedEndpoint endpoint, EndpointStats stats)
    {
        double prior = options.PriorCacheHitRate;
        if (stats.PhantomCacheCalls >= 2 || Verdicts.Find(endpoint.Name)?.Flags.Contains(ProblemFlag.CacheLiar) == true)
        {
            // What it reports as cached cannot be trusted to be billed as cached either.
            return 0;
        }

        if (stats.CacheHitRate is not { } measured)
        {
            return prior;
        }

        double weight = options.PriorWeightCalls;
        return ((measured * stats.CacheSamples) + (prior * weight)) / (stats.CacheSamples + weight);
    }

    private string? Exclusion(RoutedEndpoint endpoint, RouteQuery query, Func<RoutedEndpoint, double, string?>? gate)
    {
        if (endpoint.Health.Gate() is { } unhealthy)
        {
            return unhealthy;
        }

        if (ProblemDetector.Gate(Verdicts.Find(endpoint.Name)) is { } probed)
        {
            return probed.Evidence;
        }

        if (endpoint.Settings.ContextTokens is { } window && query.InputTokens + query.OutputTokens > window)
        {
            return $"not enough context: the call needs about {query.InputTokens + query.OutputTokens} tokens, the endpoint holds {window}";
        }

        return gate?.Invoke(endpoint, WorstCaseCost(endpoint.Settings, query.InputTokens, query.MaxOutputTokens));
    }

    private static int Compare(RankedEndpoint a, RankedEndpoint b, RoutingPolicy policy)
    {
        if (a.Eligible != b.Eligible)
        {
            return a.Eligible ? -1 : 1;
        }

        int byScore = a.Score.CompareTo(b.Score);
        if (byScore != 0)
        {
            return byScore;
        }

        // Ties: cheapest breaks by time, everything else by cost.
        return policy == RoutingPolicy.Cheapest ? a.ExpectedSeconds.CompareTo(b.ExpectedSeconds) : a.ExpectedCostUsd.CompareTo(b.ExpectedCostUsd);
    }
}
