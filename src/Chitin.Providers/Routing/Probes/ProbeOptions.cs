namespace Chitin.Providers.Routing.Probes;

/// <summary>How much probing a run does; the defaults cost about a cent per endpoint at common prices.</summary>
public sealed record ProbeOptions
{
    public static ProbeOptions Default { get; } = new();

    public int LatencyCalls { get; init; } = 3;

    /// <summary>Words of filler in the cache probe's prefix (about two tokens each): long enough for any provider to cache.</summary>
    public int CachePrefixWords { get; init; } = 1500;

    /// <summary>Times each conformance case runs.</summary>
    public int ConformanceRounds { get; init; } = 2;

    /// <summary>Prompts sampled on each side of the equivalence test.</summary>
    public int EquivalenceSamples { get; init; } = 300;

    public int Permutations { get; init; } = 1000;

    /// <summary>An equivalence p-value below this marks the endpoint <c>suspect</c>.</summary>
    public double Alpha { get; init; } = 0.01;

    /// <summary>The most output tokens any probe call may produce (what its worst case is priced with).</summary>
    public int MaxOutputTokens { get; init; } = 64;

    /// <summary>Seeds the permutations and the probe texts, so a run can be repeated.</summary>
    public int Seed { get; init; } = 1;
}
