using Chitin.Mcp.Client;
using Chitin.Mcp.Configuration;

namespace Chitin.Mcp.Tests.Support;

/// <summary>One server-everything over stdio, shared by the tests of a class (starting node costs about a second).</summary>
public sealed class EverythingServerFixture : IAsyncLifetime
{
    private McpToolSource? _source;

    public McpToolSource Source => _source ?? throw new InvalidOperationException("Not connected.");

    public static McpServerConfig Config(string name = "everything") =>
        new(name, new McpStdioTransport(NpmServers.Node) { Args = [NpmServers.Everything, "stdio"] });

    public async Task InitializeAsync()
    {
        _source = await McpToolSource.ConnectAsync([Config()], null, CancellationToken.None).Within();
        Assert.Empty(_source.Failures);
    }

    public async Task DisposeAsync()
    {
        if (_source is not null)
        {
            await _source.DisposeAsync().AsTask().Within();
        }
    }
}
