namespace Chitin.Providers.Routing;

/// <summary>Where a session's last call went and what its prefix there holds.</summary>
public sealed record SessionRoute(string Endpoint, long LastInputTokens, long LastOutputTokens, int MessageCount, DateTimeOffset LastAt, int Turns)
{
    /// <summary>Tokens of the session the endpoint has seen: the last prompt and its answer.</summary>
    public long SeenTokens => LastInputTokens + LastOutputTokens;
}
