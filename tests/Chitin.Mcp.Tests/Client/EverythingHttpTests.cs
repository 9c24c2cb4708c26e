using Chitin.Mcp.Client;
using Chitin.Mcp.Configuration;
using Chitin.Mcp.Tests.Support;

namespace Chitin.Mcp.Tests.Client;

public sealed class EverythingHttpTests
{
    [Fact]
    public async Task ListsAndCallsToolsOverStreamableHttp()
    {
        await using var server = await EverythingHttpServer.StartAsync();
        var config = new McpServerConfig("remote", new McpHttpTransport(server.Url) { Headers = new Dictionary<string, string> { ["X-Chitin-Test"] = "1" } });
        await using var source = await McpToolSource.ConnectAsync([config], null, CancellationToken.None).Within();

        Assert.Empty(source.Failures);
        Assert.Contains(source.Tools, t => t.Name == "mcp__remote__echo");
        var echo = await source.Tools.InvokeAsync("mcp__remote__echo", """{"message": "over http"}""");
        var sum = await source.Tools.InvokeAsync("mcp__remote__get-sum", """{"a": 2.5, "b": 4}""");
        Assert.Equal("Echo: over http", echo.Text);
        Assert.Contains("is 6.5", sum.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoppedRemoteServerGivesAClearErrorResult()
    {
        await using var server = await EverythingHttpServer.StartAsync();
        var config = new McpServerConfig("remote", new McpHttpTransport(server.Url));
        await using var source = await McpToolSource.ConnectAsync([config], null, CancellationToken.None).Within();
        Assert.Empty(source.Failures);

        await server.StopAsync();
        var result = await source.Tools.InvokeAsync("mcp__remote__echo", """{"message": "gone?"}""");

        Assert.True(result.IsError);
        Assert.Contains($"mcp server 'remote' is not reachable at {server.Url}", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableUrlIsReportedAsAFailure()
    {
        var config = new McpServerConfig("nowhere", new McpHttpTransport(new Uri("http://127.0.0.1:9/mcp")));

        await using var source = await McpToolSource.ConnectAsync([config], null, CancellationToken.None).Within();

        var failure = Assert.Single(source.Failures);
        Assert.Equal("nowhere", failure.ServerName);
        Assert.Contains("cannot reach http://127.0.0.1:9/mcp", failure.Message, StringComparison.Ordinal);
    }
}
