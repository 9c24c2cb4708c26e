namespace Chitin.Providers.Routing.Ranking;

/// <summary>The call to route.</summary>
/// <param name="InputTokens">Estimated prompt tokens of this call.</param>
/// <param name="OutputTokens">Expected output tokens of a call.</param>
/// <param name="MaxOutputTokens">The most the call may produce: what the worst case for budgets is priced with.</param>
/// <param name="Turns">Calls the session is expected to make from now on, this one included.</param>
/// <param name="CachedAt">The endpoint holding this session's prefix in its cache, if any.</param>
/// <param name="CachedShare">The share of this prompt that prefix covers there, 0..1.</param>
public sealed record RouteQuery(long InputTokens, long OutputTokens, long MaxOutputTokens, int Turns, string? CachedAt = null, double CachedShare = 0)
{
    public static RouteQuery From(CallShape shape) => new(shape.InputTokens, shape.OutputTokens, shape.OutputTokens, shape.Turns);
}
