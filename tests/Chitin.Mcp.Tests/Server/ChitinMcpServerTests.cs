using System.IO.Pipelines;
using System.Text.Json;
using Chitin.Core.Tools;
using Chitin.Mcp.Server;
using Chitin.Mcp.Tests.Support;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Chitin.Mcp.Tests.Server;

public sealed class ChitinMcpServerTests : IAsyncLifetime
{
    private readonly Pipe _clientToServer = new();
    private readonly Pipe _serverToClient = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ShoutTool _shout = new();
    private readonly WipeTool _wipe = new();
    private readonly RecordingApprover _approver = new();
    private readonly ToolContext _context = new("/work/project", "sess-1", "/work/artifacts");
    private Task? _server;
    private McpClient? _client;

    private McpClient Client => _client ?? throw new InvalidOperationException("Not connected.");

    public async Task InitializeAsync()
    {
        _server = ChitinMcpServer.RunStdioAsync(
            [_wipe, _shout],
            _context,
            _clientToServer.Reader.AsStream(),
            _serverToClient.Writer.AsStream(),
            new ChitinMcpServerOptions { Approver = _approver, Instructions = "Chitin tools for tests." },
            _stop.Token);
        var transport = new StreamClientTransport(_clientToServer.Writer.AsStream(), _serverToClient.Reader.AsStream(), null);
        _client = await McpClient.CreateAsync(transport, cancellationToken: _stop.Token).Within();
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync().AsTask().Within();
        }

        await _stop.CancelAsync();
        if (_server is not null)
        {
            await _server.Within();
        }

        _stop.Dispose();
    }

    [Fact]
    public void IdentifiesItselfAsChitinWithInstructions()
    {
        Assert.Equal("chitin", Client.ServerInfo?.Name);
        Assert.Equal("Chitin tools for tests.", Client.ServerInstructions);
    }

    [Fact]
    public async Task ListsEachToolWithItsSchemaAndTraitsAsAnnotations()
    {
        var tools = await Client.ListToolsAsync().Within();

        Assert.Equal(["shout", "wipe"], tools.Select(t => t.Name));
        var shout = tools[0].ProtocolTool;
        Assert.Equal("Returns the text in upper case.", shout.Description);
        Assert.Equal(["text"], shout.InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.True(shout.Annotations?.ReadOnlyHint);
        Assert.False(shout.Annotations?.DestructiveHint);
        var wipe = tools[1].ProtocolTool;
        Assert.False(wipe.Annotations?.ReadOnlyHint);
        Assert.True(wipe.Annotations?.DestructiveHint);
        Assert.True(wipe.Annotations?.OpenWorldHint);
    }

    [Fact]
    public async Task CallsRunTheToolInTheGivenContextAfterApproval()
    {
        var result = await Client.CallToolAsync("shout", new Dictionary<string, object?> { ["text"] = "quiet please" }).Within();

        Assert.NotEqual(true, result.IsError);
        Assert.Equal("QUIET PLEASE", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
        Assert.Equal("/work/project", result.StructuredContent?.GetProperty("workspace").GetString());
        var request = Assert.Single(_approver.Requests);
        Assert.Equal("shout", request.Tool.Name);
        Assert.Equal("quiet please", request.Arguments.GetProperty("text").GetString());
        Assert.Same(_context, request.Context);
        Assert.Equal(1, _shout.Calls);
    }

    [Fact]
    public async Task ADenialByTheApproverReturnsAnErrorAndTheToolNeverRuns()
    {
        var result = await Client.CallToolAsync("wipe", new Dictionary<string, object?>()).Within();

        Assert.True(result.IsError);
        Assert.Equal(RecordingApprover.DenialReason, Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
        Assert.Equal(0, _wipe.Calls);
    }

    [Fact]
    public async Task AToolErrorResultIsAnMcpError()
    {
        var result = await Client.CallToolAsync("shout", new Dictionary<string, object?> { ["text"] = 42 }).Within();

        Assert.True(result.IsError);
        Assert.Contains("'text' is required", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownToolIsAProtocolError()
    {
        var error = await Assert.ThrowsAsync<McpProtocolException>(() => Client.CallToolAsync("nope").AsTask()).Within();

        Assert.Contains("Unknown tool 'nope'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServesManyCallsConcurrently()
    {
        var calls = Enumerable.Range(0, 10)
            .Select(i => Client.CallToolAsync("shout", new Dictionary<string, object?> { ["text"] = $"m{i}" }).AsTask())
            .ToArray();

        var results = await Task.WhenAll(calls).Within();

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"M{i}"), results.Select(r => ((TextContentBlock)r.Content[0]).Text));
    }

    [Fact]
    public async Task StopsWhenTheClientClosesItsEnd()
    {
        await _clientToServer.Writer.CompleteAsync();

        Assert.NotNull(_server);
        await _server.Within();
    }
}

public sealed class ChitinMcpServerWithoutApproverTests
{
    [Fact]
    public async Task WithoutAnApproverEveryCallRunsAndToolExceptionsBecomeErrors()
    {
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        using var stop = new CancellationTokenSource();
        var wipe = new WipeTool();
        var server = ChitinMcpServer.RunStdioAsync(
            [wipe],
            new ToolContext("/w", "s", "/a"),
            clientToServer.Reader.AsStream(),
            serverToClient.Writer.AsStream(),
            cancellationToken: stop.Token);
        await using (var client = await McpClient.CreateAsync(new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream(), null)).Within())
        {
            var ran = await client.CallToolAsync("wipe").Within();
            var exploded = await client.CallToolAsync("wipe", new Dictionary<string, object?> { ["explode"] = true }).Within();

            Assert.NotEqual(true, ran.IsError);
            Assert.Equal("wiped", ((TextContentBlock)ran.Content[0]).Text);
            Assert.True(exploded.IsError);
            Assert.Equal("wipe failed: disk on fire", ((TextContentBlock)exploded.Content[0]).Text);
            Assert.Equal(2, wipe.Calls);
        }

        await stop.CancelAsync();
        await server.Within();
    }

    [Fact]
    public async Task DuplicateToolNamesAreRejectedUpFront()
    {
        using var input = new MemoryStream();
        using var output = new MemoryStream();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            ChitinMcpServer.RunStdioAsync([new WipeTool(), new WipeTool()], new ToolContext("/w", "s", "/a"), input, output)).Within();

        Assert.Contains("'wipe' is registered twice", error.Message, StringComparison.Ordinal);
    }
}
