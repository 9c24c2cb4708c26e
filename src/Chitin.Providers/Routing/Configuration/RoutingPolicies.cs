namespace Chitin.Providers.Routing.Configuration;

/// <summary>The policy names as the config file and <c>--policy</c> spell them.</summary>
public static class RoutingPolicies
{
    public const string Expected = "\"balanced\", \"cheapest\", \"fastest\" or \"ordered\"";

    public static bool TryParse(string? text, out RoutingPolicy policy)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "balanced":
                policy = RoutingPolicy.Balanced;
                return true;
            case "cheapest":
                policy = RoutingPolicy.Cheapest;
                return true;
            case "fastest":
                policy = RoutingPolicy.Fastest;
                return true;
            case "ordered":
                policy = RoutingPolicy.Ordered;
                return true;
            default:
                policy = RoutingPolicy.Balanced;
                return false;
        }
    }

    /// <summary>Parses or throws an <see cref="ArgumentException"/> that lists the valid names.</summary>
    public static RoutingPolicy Parse(string? text) =>
        TryParse(text, out RoutingPolicy policy) ? policy : throw new ArgumentException($"unknown routing policy '{text}': use {Expected}");

    public static string Name(RoutingPolicy policy) => policy.ToString().ToLowerInvariant();
}
