using System.Text.Json;
using Chitin.Mcp.Client;
using Chitin.Mcp.Configuration;
using Chitin.Mcp.Tests.Support;

namespace Chitin.Mcp.Tests.Client;

/// <summary>
/// A real stdio server (server-everything, whose get-env tool returns its process.env) started by Chitin gets the
/// minimal child environment plus its configured "env", never Chitin's provider keys.
/// </summary>
public sealed class ServerEnvironmentTests
{
    [Fact]
    public async Task A_started_server_does_not_see_OPENAI_API_KEY_but_gets_what_its_env_names()
    {
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", "sk-mcp-test-openai-0123456789");
        Environment.SetEnvironmentVariable("CHITIN_MCP_TEST_PLAIN", "inherited-but-not-named");
        Environment.SetEnvironmentVariable("CHITIN_MCP_NAMED_TOKEN", "named-token-for-the-server");
        var config = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["env-probe"] = new Dictionary<string, object>
            {
                ["command"] = NpmServers.Node,
                ["args"] = new[] { NpmServers.Everything, "stdio" },
                ["env"] = new Dictionary<string, string> { ["CHITIN_MCP_NAMED_TOKEN"] = "${CHITIN_MCP_NAMED_TOKEN}", ["PLAIN_SETTING"] = "set-in-config" },
            },
        })).RootElement;
        var servers = McpServerConfig.ParseAll(config, "/test/config.json");

        await using var source = await McpToolSource.ConnectAsync(servers, null, CancellationToken.None).Within();
        Assert.Empty(source.Failures);
        var result = await source.Tools.InvokeAsync("mcp__env-probe__get-env", "{}");

        Assert.False(result.IsError, result.Text);
        var env = JsonDocument.Parse(result.Text).RootElement;
        Assert.False(env.TryGetProperty("OPENAI_API_KEY", out _), "the server saw OPENAI_API_KEY");
        Assert.False(env.TryGetProperty("CHITIN_MCP_TEST_PLAIN", out _), "the server inherited a variable its config did not name");
        Assert.DoesNotContain("sk-mcp-test-openai", result.Text, StringComparison.Ordinal);
        Assert.Equal("named-token-for-the-server", env.GetProperty("CHITIN_MCP_NAMED_TOKEN").GetString());
        Assert.Equal("set-in-config", env.GetProperty("PLAIN_SETTING").GetString());
        Assert.Equal(Environment.GetEnvironmentVariable("PATH"), env.GetProperty("PATH").GetString());
    }
}
