using System.Text.Json;
using Chitin.Hosting.Configuration;
using Chitin.Cli.Tests.Support;
using Chitin.Mcp.Configuration;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Cli.Tests.Mcp;

/// <summary>"mcpServers" in the config files: merged by name, started for the run, their tools offered to the model.</summary>
public sealed class McpServersConfigTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    /// <summary>chitin itself, served over MCP, is a real MCP server that needs nothing but this build.</summary>
    private static string ChitinServer(string name) =>
        $$"""
        "{{name}}": {
          "command": {{JsonSerializer.Serialize(ChitinProcess.DotnetHost())}},
          "args": [{{JsonSerializer.Serialize(ChitinProcess.ChitinDll)}}, "mcp", "serve"],
          "env": { "CHITIN_HOME": "${CHITIN_HOME}" }
        }
        """;

    [Fact]
    public async Task A_run_offers_the_tools_of_configured_servers_and_warns_about_those_that_fail()
    {
        await File.WriteAllTextAsync(Path.Combine(_sandbox.Workspace, "hello.txt"), "hello through a server\n");
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(request => request.ToolResultCount == 0
            ? ScriptStep.ToolCalls(new ScriptToolCall("mcp__self__read_file", """{"path":"hello.txt"}"""))
            : ScriptStep.Text("The file says: " + request.AllToolResults.Last().Content)));
        _sandbox.UseServer(server);
        _sandbox.WriteUserConfig($$"""{ "mcpServers": { {{ChitinServer("self")}}, "broken": { "command": "/no/such/mcp-server" } } }""");

        var result = await _sandbox.RunAsync("run", "--yes", "read hello.txt through the server");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("hello through a server", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("warning:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("broken", result.Stderr, StringComparison.Ordinal);
        var offered = server.Requests.Select(r => r.Parsed).OfType<ScriptRequest>().First().ToolNames;
        Assert.Contains("mcp__self__read_file", offered);
        Assert.Contains("read_file", offered);
        Assert.DoesNotContain(offered, name => name.StartsWith("mcp__broken", StringComparison.Ordinal));
    }

    [Fact]
    public void The_project_file_replaces_a_user_server_of_the_same_name()
    {
        _sandbox.WriteUserConfig("""{ "mcpServers": { "docs": { "command": "user-docs" }, "search": { "command": "user-search" } } }""");
        _sandbox.WriteProjectConfig("""{ "mcpServers": { "docs": { "command": "project-docs", "args": ["--root", "${HOME}"] } } }""");
        _sandbox.TrustWorkspace();

        var config = ConfigLoader.Load(_sandbox.Context(TextWriter.Null, TextWriter.Null));

        Assert.Equal(["docs", "search"], config.McpServers.Select(s => s.Name));
        var docs = config.McpServers[0];
        Assert.Equal(_sandbox.ProjectConfigFile, docs.Origin);
        var stdio = Assert.IsType<McpStdioTransport>(docs.Transport);
        Assert.Equal("project-docs", stdio.Command);
        Assert.Equal(["--root", _sandbox.Root], stdio.Args); // ${HOME} expands from the invocation's environment
        Assert.Equal(_sandbox.UserConfigFile, config.McpServers[1].Origin);
    }

    [Fact]
    public void An_invalid_server_names_the_file_and_the_line_of_the_server()
    {
        _sandbox.WriteProjectConfig(
            """
            {
              "mcpServers": {
                "ok": { "command": "x" },
                "bad": { "command": "x", "colour": "blue" }
              }
            }
            """);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(_sandbox.Context(TextWriter.Null, TextWriter.Null)));

        var issue = Assert.Single(error.Issues);
        Assert.Equal(_sandbox.ProjectConfigFile, issue.Source);
        Assert.Equal(4, issue.Line);
        Assert.Contains("unknown setting 'colour'", issue.Message, StringComparison.Ordinal);
    }
}
