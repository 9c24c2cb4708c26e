namespace Chitin.Core.Evaluation;

/// <summary>
/// What the latest probes concluded about an endpoint. Routing excludes an endpoint that is <see cref="Suspect"/> or
/// whose <see cref="ConformanceRate"/> is below 90%.
/// </summary>
public sealed record EndpointVerdict
{
    public required string Endpoint { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>Share of conformance checks passed, 0..1; null when conformance was not probed.</summary>
    public double? ConformanceRate { get; init; }

    /// <summary>True when the equivalence test found its answers distributed unlike the reference's.</summary>
    public bool Suspect { get; init; }

    /// <summary>The equivalence test's permutation p-value; null when not tested.</summary>
    public double? PValue { get; init; }

    /// <summary>The endpoint it was compared with, if any.</summary>
    public string? Against { get; init; }

    /// <summary>Problems the probes detected: <c>cache-liar</c>, <c>token-inflater</c>.</summary>
    public IReadOnlyList<ProblemFlag> Flags { get; init; } = [];

    public string Detail { get; init; } = "";
}
