using System.Text.Json;
using Chitin.Cli.Tests.Support;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Cli.Tests.Mcp;

/// <summary>chitin mcp add | list | remove through the real command line, and a server that fails to start in run --json.</summary>
public sealed class McpCommandsTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Add_writes_the_user_config_list_counts_the_servers_tools_and_remove_takes_it_out_keeping_other_keys()
    {
        _sandbox.WriteUserConfig("""
            {
              // the user's own comment stays
              "model": "kept-model"
            }
            """);

        var added = await _sandbox.RunAsync("mcp", "add", "self", "--", ChitinProcess.DotnetHost(), ChitinProcess.ChitinDll, "mcp", "serve");
        Assert.True(added.ExitCode == 0, added.ToString());
        var written = await File.ReadAllTextAsync(_sandbox.UserConfigFile);
        Assert.Contains("// the user's own comment stays", written, StringComparison.Ordinal);
        Assert.Contains("\"kept-model\"", written, StringComparison.Ordinal);

        var listed = await _sandbox.RunAsync("mcp", "list", "--json");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        var server = Assert.Single(JsonDocument.Parse(listed.Stdout).RootElement.GetProperty("servers").EnumerateArray());
        Assert.Equal("self", server.GetProperty("name").GetString());
        Assert.Contains(server.GetProperty("tools").EnumerateArray(), t => t.GetProperty("name").GetString() == "mcp__self__read_file");

        var duplicate = await _sandbox.RunAsync("mcp", "add", "self", "--url", "http://127.0.0.1:9/mcp");
        Assert.Equal(2, duplicate.ExitCode);

        var removed = await _sandbox.RunAsync("mcp", "remove", "self");
        Assert.True(removed.ExitCode == 0, removed.ToString());
        var after = await File.ReadAllTextAsync(_sandbox.UserConfigFile);
        Assert.DoesNotContain("\"self\"", after, StringComparison.Ordinal);
        Assert.Contains("// the user's own comment stays", after, StringComparison.Ordinal);
        Assert.Equal(2, (await _sandbox.RunAsync("mcp", "remove", "self")).ExitCode);
    }

    [Fact]
    public async Task Doctor_starts_every_configured_server_and_reports_each()
    {
        await using var model = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(_ => ScriptStep.Text("done")));
        _sandbox.UseServer(model);
        _sandbox.WriteUserConfig($$"""
            { "mcpServers": {
                "self": { "command": {{JsonSerializer.Serialize(ChitinProcess.DotnetHost())}}, "args": [{{JsonSerializer.Serialize(ChitinProcess.ChitinDll)}}, "mcp", "serve"], "env": { "CHITIN_HOME": "${CHITIN_HOME}" }, "startupTimeoutSeconds": 120 },
                "broken": { "command": "/no/such/mcp-server" } } }
            """);

        var doctor = await _sandbox.RunAsync("doctor", "--json");

        using var report = JsonDocument.Parse(doctor.Stdout);
        var checks = report.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => (Status: c.GetProperty("status").GetString(), Detail: c.GetProperty("detail").GetString()!));
        Assert.Equal("ok", checks["mcp server self"].Status);
        Assert.Contains("tools", checks["mcp server self"].Detail, StringComparison.Ordinal);
        Assert.Equal("warn", checks["mcp server broken"].Status);
    }

    [Fact]
    public async Task A_server_that_fails_to_start_is_named_in_run_json()
    {
        await using var model = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(_ => ScriptStep.Text("done")));
        _sandbox.UseServer(model);
        _sandbox.WriteUserConfig("""{ "mcpServers": { "broken": { "command": "/no/such/mcp-server" } } }""");

        var result = await _sandbox.RunAsync("run", "--json", "hi");

        Assert.True(result.ExitCode == 0, result.ToString());
        var failed = Assert.Single(JsonDocument.Parse(result.Stdout).RootElement.GetProperty("mcp_servers_failed").EnumerateArray());
        Assert.Equal("broken", failed.GetProperty("server").GetString());
        Assert.False(string.IsNullOrWhiteSpace(failed.GetProperty("error").GetString()));
    }
}
