using System.Text.Json;
using Chitin.Cli.Tests.Support;

namespace Chitin.Cli.Tests.Routing;

/// <summary>chitin budget set|show and chitin providers list|rank, through the real command line.</summary>
public sealed class RoutingCommandsTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Budget_set_stores_a_cap_that_show_reports()
    {
        var set = await _sandbox.RunAsync("budget", "set", "--scope", "agent:coder", "--daily", "5", "--soft", "4", "--json");
        Assert.True(set.ExitCode == 0, set.ToString());

        var show = await _sandbox.RunAsync("budget", "show", "--json");
        Assert.True(show.ExitCode == 0, show.ToString());
        var row = Assert.Single(JsonDocument.Parse(show.Stdout).RootElement.EnumerateArray());
        Assert.Equal("agent:coder", row.GetProperty("scope").GetString());
        Assert.Equal("day", row.GetProperty("period").GetString());
        Assert.Equal(5m, row.GetProperty("hard_usd").GetDecimal());
        Assert.Equal(4m, row.GetProperty("soft_usd").GetDecimal());
        Assert.Equal(0m, row.GetProperty("spent_usd").GetDecimal());
    }

    [Theory]
    [InlineData("--scope", "team:x", "--daily", "5")]
    [InlineData("--scope", "global", "--daily", "5", "--weekly", "9")]
    [InlineData("--scope", "global", "--daily", "5", "--soft", "6")]
    public async Task Budget_set_rejects_bad_input_with_a_usage_error(params string[] args)
    {
        var result = await _sandbox.RunAsync(["budget", "set", .. args]);
        Assert.True(result.ExitCode == 2, result.ToString());
    }

    [Fact]
    public async Task Providers_rank_orders_by_measured_cost_for_the_shape_and_list_shows_the_declarations()
    {
        _sandbox.WriteUserConfig(
            """
            {
              "endpoints": [
                { "name": "dear", "model": "fake-model", "baseUrl": "http://127.0.0.1:9/v1", "price": { "input": 2, "cachedInput": 0.2, "output": 8 } },
                { "name": "cheap", "model": "fake-model", "baseUrl": "http://127.0.0.1:10/v1", "price": { "input": 1, "output": 4 }, "quantization": "int4" },
                { "name": "small", "model": "fake-model", "baseUrl": "http://127.0.0.1:11/v1", "price": { "input": 0.1, "output": 0.1 }, "contextTokens": 4000 }
              ],
              "routing": { "policy": "cheapest" }
            }
            """);

        var oneShot = await _sandbox.RunAsync("providers", "rank", "fake-model", "--shape", "in=20000,out=500,turns=1", "--json");
        Assert.True(oneShot.ExitCode == 0, oneShot.ToString());
        var rows = JsonDocument.Parse(oneShot.Stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(["cheap", "dear", "small"], rows.Select(r => r.GetProperty("endpoint").GetString()));
        Assert.Equal(0.022, rows[0].GetProperty("expected_cost_usd").GetDouble(), 9);
        Assert.Contains("not enough context", rows[2].GetProperty("excluded").GetString(), StringComparison.Ordinal);

        // Over 30 turns the declared cache discount (trusted until measured) puts the dear endpoint first.
        var session = await _sandbox.RunAsync("providers", "rank", "fake-model", "--shape", "in=20000,out=500,turns=30", "--json");
        Assert.Equal("dear", JsonDocument.Parse(session.Stdout).RootElement[0].GetProperty("endpoint").GetString());

        var list = await _sandbox.RunAsync("providers", "list", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal("int4", JsonDocument.Parse(list.Stdout).RootElement[1].GetProperty("quantization").GetString());

        var bad = await _sandbox.RunAsync("providers", "rank", "fake-model", "--policy", "random");
        Assert.Equal(2, bad.ExitCode);
    }
}
