namespace Chitin.Providers.Routing.Ranking;

/// <summary>One endpoint's place in a ranking: expected cost and time per call, or why it cannot take the call.</summary>
public sealed record RankedEndpoint(EndpointSettings Endpoint, double ExpectedCostUsd, double ExpectedSeconds, double Score, string? Excluded)
{
    public bool Eligible => Excluded is null;
}
