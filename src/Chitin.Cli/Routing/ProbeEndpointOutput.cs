namespace Chitin.Cli.Routing;

/// <summary>One endpoint's probe results in <c>chitin providers probe --json</c>; figures of kinds not run are null.</summary>
public sealed record ProbeEndpointOutput(
    string Endpoint,
    double? TimeToFirstTokenP50Ms,
    double? LatencyP50Ms,
    long? CacheFirstCachedTokens,
    long? CacheSecondCachedTokens,
    double? CacheFirstTtftMs,
    double? CacheSecondTtftMs,
    double? ConformanceRate,
    int ConformanceChecks,
    string? JudgedAgainst,
    double? EquivalencePValue,
    bool? Suspect,
    IReadOnlyList<string> Flags,
    IReadOnlyList<string> Failures,
    IReadOnlyList<string> Notes,
    decimal CostUsd)
{
    public static ProbeEndpointOutput From(EndpointProbeResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new ProbeEndpointOutput(r.Endpoint, r.TimeToFirstTokenP50Ms, r.LatencyP50Ms, r.CacheFirstCachedTokens, r.CacheSecondCachedTokens,
            r.CacheFirstTtftMs, r.CacheSecondTtftMs, r.ConformanceRate, r.ConformanceChecks, r.JudgedAgainst, r.PValue, r.Suspect,
            [.. r.Flags.Select(StoredNames.Name)], [.. r.Failures], [.. r.Notes], r.CostUsd);
    }
}
