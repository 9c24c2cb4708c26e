using System.Text.Json;
using Chitin.Cli.Tests.Support;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Cli.Tests.Routing;

/// <summary>
/// <c>chitin run</c> over config <c>endpoints</c>: the routing client stands in for the provider block, --policy
/// chooses, usage is metered as model@endpoint at the endpoint's price, and a hard budget cap stops the call.
/// </summary>
public sealed class RoutedRunTests : IAsyncLifetime
{
    private readonly CliSandbox _sandbox = new();
    private ScriptedModelServer _dear = null!;
    private ScriptedModelServer _cheap = null!;

    public async Task InitializeAsync()
    {
        _dear = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(_ => ScriptStep.Text("answered by dear")));
        _cheap = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(_ => ScriptStep.Text("answered by cheap")));
        _sandbox.Environment["CHITIN_MODEL"] = "fake-model";
        _sandbox.WriteUserConfig(
            $$"""
            {
              "endpoints": [
                { "name": "dear", "model": "fake-model", "baseUrl": "{{_dear.BaseUrl}}/v1", "price": { "input": 20, "output": 80 } },
                { "name": "cheap", "model": "fake-model", "baseUrl": "{{_cheap.BaseUrl}}/v1", "price": { "input": 1, "output": 4 } }
              ]
            }
            """);
    }

    public async Task DisposeAsync()
    {
        _sandbox.Dispose();
        await _dear.DisposeAsync();
        await _cheap.DisposeAsync();
    }

    [Fact]
    public async Task Cheapest_policy_sends_the_run_to_the_cheap_endpoint_and_meters_it_there()
    {
        var result = await _sandbox.RunAsync("run", "--json", "--policy", "cheapest", "say hi");

        Assert.True(result.ExitCode == 0, result.ToString());
        var root = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("answered by cheap", root.GetProperty("final_text").GetString());
        Assert.Empty(_dear.Requests);
        var request = Assert.Single(_cheap.Requests);
        Assert.DoesNotContain("chitin.", request.Body, StringComparison.Ordinal);

        await using var store = await _sandbox.OpenStoreAsync();
        var usage = Assert.Single(await store.LoadUsageAsync(root.GetProperty("session_id").GetString()!, CancellationToken.None));
        Assert.Equal("fake-model@cheap", usage.Model);
        Assert.Equal("routed", usage.Provider);
        var expected = ((usage.InputTokens - usage.CachedInputTokens) * 1m + (usage.OutputTokens * 4m)) / 1_000_000m;
        Assert.True(usage.CostUsd > 0, "the endpoint's price applies");
        Assert.Equal(expected, usage.CostUsd);
    }

    [Fact]
    public async Task Ordered_policy_keeps_config_order()
    {
        var result = await _sandbox.RunAsync("run", "--json", "--policy", "ordered", "say hi");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("answered by dear", JsonDocument.Parse(result.Stdout).RootElement.GetProperty("final_text").GetString());
        Assert.Empty(_cheap.Requests);
    }

    [Fact]
    public async Task A_hard_cap_the_call_would_cross_stops_the_run_before_any_request_and_raising_it_resumes()
    {
        var set = await _sandbox.RunAsync("budget", "set", "--scope", "global", "--daily", "0.000001");
        Assert.True(set.ExitCode == 0, set.ToString());

        var stopped = await _sandbox.RunAsync("run", "--json", "say hi");

        Assert.Equal(1, stopped.ExitCode);
        var root = JsonDocument.Parse(stopped.Stdout).RootElement;
        Assert.Equal("budget_exceeded", root.GetProperty("status").GetString());
        Assert.Contains("budget", root.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(_dear.Requests);
        Assert.Empty(_cheap.Requests);

        var raised = await _sandbox.RunAsync("budget", "set", "--scope", "global", "--daily", "5");
        Assert.True(raised.ExitCode == 0, raised.ToString());
        var resumed = await _sandbox.RunAsync("run", "--json", "--session", root.GetProperty("session_id").GetString()!, "say hi");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
    }

    [Fact]
    public async Task A_policy_for_a_model_no_endpoint_serves_is_a_usage_error()
    {
        var result = await _sandbox.RunAsync("run", "--json", "--model", "other-model", "--policy", "fastest", "say hi");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--policy fastest needs config \"endpoints\" that serve model 'other-model'", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_dear.Requests);
        Assert.Empty(_cheap.Requests);
    }
}
