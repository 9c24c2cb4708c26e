namespace Chitin.Providers.Routing;

/// <summary>Something routing did that the user should be able to see: a failover, a move, a model fallback, a budget warning.</summary>
/// <param name="Kind">"failover", "moved", "model_fallback", "budget_warning".</param>
public sealed record RoutingNotice(string Kind, string Endpoint, string Message);
