namespace Chitin.Providers.Routing.Configuration;

/// <summary>Config <c>routing</c>: the default policy and whether another logical model may stand in.</summary>
public sealed record RoutingSettings
{
    public static RoutingSettings Default { get; } = new();

    public RoutingPolicy Policy { get; init; } = RoutingPolicy.Balanced;

    /// <summary>When no endpoint of the asked model can take a call, may an endpoint of another model? Always with an event.</summary>
    public bool AllowModelFallback { get; init; }
}
