namespace Chitin.Gateway.Storage;

/// <summary>The web UI's view of the conversation keys the gateway stores.</summary>
internal sealed class GatewayConversations(GatewayStore store) : IWebConversations
{
    public Task<string?> FindSessionAsync(string key, CancellationToken cancellationToken) => store.FindSessionAsync(key, cancellationToken);

    public Task LinkAsync(string key, string sessionId, string agent, CancellationToken cancellationToken) => store.SaveSessionAsync(key, sessionId, agent, cancellationToken);
}
