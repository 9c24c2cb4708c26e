namespace Chitin.Gateway.Hosting;

/// <summary>What the gateway opened before the web host was built; the container disposes it when the app stops.</summary>
internal sealed class GatewayResources(ChitinHost host, AgentSafety safety) : IAsyncDisposable
{
    public ChitinHost Host { get; } = host;

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        safety.Dispose();
    }
}
