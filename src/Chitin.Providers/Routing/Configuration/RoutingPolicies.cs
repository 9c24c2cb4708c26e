namespace Chitin.Providers.Routing.Configuration;

/// <summary>The policy names as the config file and <c>--policy</c> spell them.</summary>
public static class RoutingPolicies
{
    public const string Expected = "\"balanced\", \"cheapest\", \"fastest\" or \"ordered\"";

    /// <summary>Case-insensitive, surrounding spaces ignored; false (and <see cref="RoutingPolicy.Balanced"/>) for anything else.</summary>
    public static bool TryParse(string? text, out RoutingPolicy policy)
    {
        RoutingPolicy? parsed = text?.Trim().ToLowerInvariant() switch
        {
            "balanced" => RoutingPolicy.Balanced,
            "cheapest" => RoutingPolicy.Cheapest,
            "fastest" => RoutingPolicy.Fastest,
            "ordered" => RoutingPolicy.Ordered,
            _ => null,
        };
        policy = parsed ?? RoutingPolicy.Balanced;
        return parsed is not null;
    }

    /// <summary>Parses or throws an <see cref="ArgumentException"/> that lists the valid names.</summary>
    public static RoutingPolicy Parse(string? text) =>
        TryParse(text, out RoutingPolicy policy) ? policy : throw new ArgumentException($"unknown routing policy '{text}': use {Expected}");

    public static string Name(RoutingPolicy policy) => policy.ToString().ToLowerInvariant();
}
