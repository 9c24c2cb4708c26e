using System.Text.Json;
using Chitin.Mcp.Client;
using Chitin.Mcp.Configuration;
using Chitin.Mcp.Tests.Support;

namespace Chitin.Mcp.Tests.Client;

/// <summary>From an "mcpServers" JSON block to working tools, as the CLI will do it.</summary>
public sealed class ConfiguredServersTests
{
    [Fact]
    public async Task ExpandedEnvironmentReachesTheServerProcessAndToolsOfAllServersAreSorted()
    {
        using var root = new TempFolder();
        var node = JsonSerializer.Serialize(NpmServers.Node);
        var json = $$"""
        {
          "zeta": { "command": {{node}}, "args": [{{JsonSerializer.Serialize(NpmServers.Filesystem)}}, {{JsonSerializer.Serialize(root.Path)}}] },
          "alpha": { "command": {{node}}, "args": [{{JsonSerializer.Serialize(NpmServers.Everything)}}, "stdio"], "env": { "CHITIN_TEST_TOKEN": "${TOKEN}" } }
        }
        """;
        var servers = McpServerConfig.ParseAll(Json.Parse(json), "/tmp/settings.json", new Dictionary<string, string> { ["TOKEN"] = "tok-81d3" });

        await using var source = await McpToolSource.ConnectAsync(servers, null, CancellationToken.None).Within();

        Assert.Empty(source.Failures);
        Assert.Equal(["alpha", "zeta"], source.ConnectedServers);
        var names = source.Tools.Select(t => t.Name).ToArray();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.StartsWith("mcp__alpha__", names[0], StringComparison.Ordinal);
        Assert.StartsWith("mcp__zeta__", names[^1], StringComparison.Ordinal);
        var env = await source.Tools.InvokeAsync("mcp__alpha__get-env", "{}");
        Assert.Contains("\"CHITIN_TEST_TOKEN\": \"tok-81d3\"", env.Text, StringComparison.Ordinal);
    }
}
