namespace Chitin.Providers.Routing.Configuration;

/// <summary>How endpoints that pass the hard gates are ordered (config <c>routing.policy</c>, <c>--policy</c>).</summary>
public enum RoutingPolicy
{
    /// <summary>Expected cost plus expected time valued at <see cref="RoutingOptions.ValueOfTimeUsdPerSecond"/>.</summary>
    Balanced,

    /// <summary>Lowest expected cost per call (measured cache-hit rate, divided by the success rate).</summary>
    Cheapest,

    /// <summary>Lowest expected time per call (time to first token plus decode).</summary>
    Fastest,

    /// <summary>The order the endpoints are written in the config file.</summary>
    Ordered,
}
