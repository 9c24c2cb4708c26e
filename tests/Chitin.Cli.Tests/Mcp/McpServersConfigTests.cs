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
    private static string ChitinServer(string name, string deferTools = "never") =>
        $$"""
        "{{name}}": {
          "deferTools": "{{deferTools}}",
          "startupTimeoutSeconds": 120,
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
    public async Task A_server_with_more_than_8_tools_is_deferred_until_tool_search_loads_a_tool_and_context_shows_it()
    {
        await File.WriteAllTextAsync(Path.Combine(_sandbox.Workspace, "hello.txt"), "hello through a deferred tool\n");
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(request => request.ToolResultCount switch
        {
            0 => ScriptStep.ToolCalls(new ScriptToolCall("tool_search", """{"query":"mcp__self__read_file","limit":1}""")),
            1 => ScriptStep.ToolCalls(new ScriptToolCall("mcp__self__read_file", """{"path":"hello.txt"}""")),
            _ => ScriptStep.Text("The file says: " + request.AllToolResults.Last().Content),
        }));
        _sandbox.UseServer(server);
        _sandbox.WriteUserConfig($$"""{ "mcpServers": { {{ChitinServer("self", "auto")}} } }""");

        var result = await _sandbox.RunAsync("run", "--yes", "--json", "read hello.txt through the server");

        Assert.True(result.ExitCode == 0, result.ToString());
        var requests = server.Requests.Select(r => r.Parsed).OfType<ScriptRequest>().ToList();
        Assert.Contains("tool_search", requests[0].ToolNames);
        Assert.DoesNotContain(requests[0].ToolNames, name => name.StartsWith("mcp__self__", StringComparison.Ordinal));
        Assert.Contains("- mcp__self__* (", requests[0].SystemPrompt, StringComparison.Ordinal);
        Assert.Equal("mcp__self__read_file", requests[1].ToolNames[^1]);
        Assert.Contains("hello through a deferred tool", requests[2].LastToolResults.Single().Content, StringComparison.Ordinal);

        using var run = JsonDocument.Parse(result.Stdout);
        var context = await _sandbox.RunAsync("context", run.RootElement.GetProperty("session_id").GetString()!, "--json");
        Assert.True(context.ExitCode == 0, context.ToString());
        using var report = JsonDocument.Parse(context.Stdout);
        var layers = report.RootElement.GetProperty("layers").EnumerateArray().ToDictionary(l => l.GetProperty("name").GetString()!, l => l.Clone());
        Assert.Equal(1, layers["loaded tools"].GetProperty("items").GetInt32());
        Assert.StartsWith("mcp__self__read_file (", layers["loaded tools"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(layers["loaded tools"].GetProperty("tokens").GetInt32() > 0);
        Assert.Contains("mcp__self__*: ", layers["deferred tools"].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mcp_list_shows_each_servers_tools_and_whether_they_are_deferred()
    {
        _sandbox.WriteUserConfig($$"""{ "mcpServers": { {{ChitinServer("big", "auto")}}, {{ChitinServer("small", "never")}}, "off": { "command": "x", "enabled": false } } }""");

        var result = await _sandbox.RunAsync("mcp", "list", "--json");
        var human = await _sandbox.RunAsync("mcp", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var servers = json.RootElement.GetProperty("servers").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.Clone());
        Assert.Equal(["big", "off", "small"], servers.Keys);
        Assert.True(servers["big"].GetProperty("deferred").GetBoolean());
        Assert.Equal("auto (above 8 tools)", servers["big"].GetProperty("defer_tools").GetString());
        var bigTools = servers["big"].GetProperty("tools").EnumerateArray().ToList();
        Assert.True(bigTools.Count > 8);
        Assert.All(bigTools, t => Assert.True(t.GetProperty("deferred").GetBoolean() && t.GetProperty("tokens").GetInt32() > 0));
        Assert.Contains(bigTools, t => t.GetProperty("name").GetString() == "mcp__big__read_file");
        Assert.False(servers["small"].GetProperty("deferred").GetBoolean());
        Assert.Equal("disabled", servers["off"].GetProperty("status").GetString());
        Assert.True(human.ExitCode == 0, human.ToString());
        Assert.Contains("deferred (tool_search loads them)", human.Stdout, StringComparison.Ordinal);
        Assert.Contains("always loaded", human.Stdout, StringComparison.Ordinal);
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
