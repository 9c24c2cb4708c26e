using System.Text.Json;
using Chitin.Cli.Tests.Support;
using Chitin.Security.Audit;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Chitin.Cli.Tests.Mcp;

/// <summary><c>chitin mcp serve</c> as a child process, driven by the real MCP client SDK.</summary>
public sealed class McpServeTests : IDisposable
{
    // A JIT-built chitin starting on a busy 2-core machine; the tests are about behaviour, not start-up time.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(180);
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Serves_the_built_in_tools_with_the_configured_permissions()
    {
        await File.WriteAllTextAsync(Path.Combine(_sandbox.Workspace, "hello.txt"), "hello over MCP\n");
        _sandbox.WriteProjectConfig("""{ "permissions": { "deny": ["run_shell"] } }""");
        using var stop = new CancellationTokenSource(Deadline);

        await using (var client = await ConnectAsync(["mcp", "serve", "--yes"], stop.Token))
        {
            var tools = await client.ListToolsAsync(cancellationToken: stop.Token);
            var names = tools.Select(t => t.Name).ToList();
            Assert.Contains("read_file", names);
            Assert.Contains("write_file", names);
            Assert.Contains("run_shell", names);

            var read = await client.CallToolAsync("read_file", new Dictionary<string, object?> { ["path"] = "hello.txt" }, cancellationToken: stop.Token);
            Assert.NotEqual(true, read.IsError);
            Assert.Contains("hello over MCP", Text(read), StringComparison.Ordinal);

            var write = await client.CallToolAsync("write_file", new Dictionary<string, object?> { ["path"] = "out.txt", ["content"] = "written" }, cancellationToken: stop.Token);
            Assert.NotEqual(true, write.IsError);

            var shell = await client.CallToolAsync("run_shell", new Dictionary<string, object?> { ["command"] = "echo hi" }, cancellationToken: stop.Token);
            Assert.True(shell.IsError);
            Assert.Contains("denied by", Text(shell), StringComparison.Ordinal);
        }

        Assert.Equal("written", await File.ReadAllTextAsync(Path.Combine(_sandbox.Workspace, "out.txt")));
        var audit = Directory.GetFiles(Path.Combine(_sandbox.Home, "audit"), "*.jsonl").SelectMany(JsonlAuditLog.ReadAll).ToList();
        Assert.Equal(["read_file:allow", "run_shell:deny", "write_file:allow"], audit.Select(e => $"{e.Tool}:{e.Decision}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Without_yes_calls_that_policy_asks_about_are_refused()
    {
        using var stop = new CancellationTokenSource(Deadline);
        await using var client = await ConnectAsync(["mcp", "serve"], stop.Token);

        var write = await client.CallToolAsync("write_file", new Dictionary<string, object?> { ["path"] = "out.txt", ["content"] = "x" }, cancellationToken: stop.Token);

        Assert.True(write.IsError);
        Assert.Contains("--yes", Text(write), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_sandbox.Workspace, "out.txt")));
    }

    private Task<McpClient> ConnectAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "chitin",
            Command = ChitinProcess.DotnetHost(),
            Arguments = [ChitinProcess.ChitinDll, .. args],
            WorkingDirectory = _sandbox.Workspace,
            EnvironmentVariables = _sandbox.Environment.ToDictionary(e => e.Key, e => (string?)e.Value),
        });
        return McpClient.CreateAsync(transport, new McpClientOptions { InitializationTimeout = Deadline }, cancellationToken: cancellationToken);
    }

    private static string Text(CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text)) + JsonSerializer.Serialize(result.StructuredContent);
}
