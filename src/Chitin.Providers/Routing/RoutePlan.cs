namespace Chitin.Providers.Routing;

/// <summary>The endpoints to try for one call, best first, and the session state the call starts from.</summary>
/// <param name="Model">The logical model the call was routed for (the asked one unless a model fallback happened).</param>
/// <param name="CachedAt">The endpoint still holding the session's prefix (not idle past the cache lifetime, not compacted).</param>
public sealed record RoutePlan(
    string SessionKey,
    string Model,
    IReadOnlyList<RoutingTarget> Order,
    IReadOnlyList<RankedEndpoint> Ranking,
    SessionRoute? Previous,
    string? CachedAt,
    int MessageCount)
{
    /// <summary>The run the call belongs to (from the loop's run properties), for budgets; null outside a run.</summary>
    public BudgetRun? Run { get; init; }

    /// <summary>Chitin's own estimate of the prompt's tokens.</summary>
    public long EstimatedInputTokens { get; init; }

    /// <summary>A hash of the prompt's first message: what a provider's cache could have seen before.</summary>
    public int Opening { get; init; }
}
