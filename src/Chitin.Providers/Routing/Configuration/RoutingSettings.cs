namespace Chitin.Providers.Routing.Configuration;

/// <summary>Config <c>routing</c>: the default policy and whether another logical model may stand in.</summary>
public sealed record RoutingSettings
{
    public static RoutingSettings Default { get; } = new();

    public RoutingPolicy Policy { get; init; } = RoutingPolicy.Balanced;

    /// <summary>When no endpoint of the asked model can take a call, may an endpoint of another model? Always with an event.</summary>
    public bool AllowModelFallback { get; init; }

    /// <summary>Config <c>routing.probeBudgetUsd</c>: what probes may spend per UTC day; when spent, probing stops and routing goes on.</summary>
    public decimal ProbeBudgetUsd { get; init; } = 0.50m;

    /// <summary>Config <c>routing.probeEvery</c>: how often the gateway probes every endpoint; null (the default) never on a schedule.</summary>
    public TimeSpan? ProbeEvery { get; init; }
}
