namespace Chitin.Providers.Routing.Probes;

/// <summary>What probing one endpoint found; figures of kinds that did not run stay null.</summary>
public sealed class EndpointProbeResult
{
    public required string Endpoint { get; init; }

    public double? TimeToFirstTokenP50Ms { get; set; }

    public double? LatencyP50Ms { get; set; }

    /// <summary>Cached tokens reported for a long prefix never sent before (anything above 0 is a lie).</summary>
    public long? CacheFirstCachedTokens { get; set; }

    /// <summary>Cached tokens reported when the same prefix was sent again.</summary>
    public long? CacheSecondCachedTokens { get; set; }

    public double? CacheFirstTtftMs { get; set; }

    public double? CacheSecondTtftMs { get; set; }

    public double? ConformanceRate { get; set; }

    public int ConformanceChecks { get; set; }

    /// <summary>Who judged conformance: the reference endpoint (agreement) or null (absolute checks and Chitin's own count).</summary>
    public string? JudgedAgainst { get; set; }

    public List<string> Failures { get; } = [];

    public double? PValue { get; set; }

    public double? Mmd2 { get; set; }

    public int EquivalenceSamples { get; set; }

    public bool? Suspect { get; set; }

    public List<ProblemFlag> Flags { get; } = [];

    public List<string> Notes { get; } = [];

    public decimal CostUsd { get; set; }
}
