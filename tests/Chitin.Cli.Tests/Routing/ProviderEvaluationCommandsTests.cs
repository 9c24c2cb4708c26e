using System.Text.Json;
using Chitin.Cli.Tests.Support;
using Chitin.Hosting;
using Chitin.Testing.Personas;
using Chitin.Testing.Server;

namespace Chitin.Cli.Tests.Routing;

/// <summary>
/// <c>chitin providers probe|verify|pin|list|rank</c> against scripted-server personas on their own ports, with the
/// samples, verdicts and pins in the sandbox's database.
/// </summary>
public sealed class ProviderEvaluationCommandsTests : IAsyncLifetime
{
    private readonly CliSandbox _sandbox = new();
    private readonly List<ScriptedModelServer> _servers = [];

    public async Task InitializeAsync()
    {
        string reference = await StartAsync("caching", seed: 1);
        string liar = await StartAsync("cache-liar", seed: 2);
        string quantized = await StartAsync("quantized", seed: 3, epsilon: 0.3);
        _sandbox.Environment["CHITIN_MODEL"] = "fake-model";
        _sandbox.WriteUserConfig(
            $$"""
            {
              "endpoints": [
                { "name": "reference", "model": "fake-model", "baseUrl": "{{reference}}", "price": { "input": 1, "cachedInput": 0.1, "output": 4 } },
                { "name": "liar", "model": "fake-model", "baseUrl": "{{liar}}", "price": { "input": 2, "cachedInput": 0.1, "output": 8 } },
                { "name": "quantized", "model": "fake-model", "baseUrl": "{{quantized}}", "price": { "input": 0.2, "output": 0.8 }, "quantization": "int4", "reference": "reference" }
              ],
              "routing": { "policy": "cheapest" }
            }
            """);
    }

    public async Task DisposeAsync()
    {
        _sandbox.Dispose();
        foreach (ScriptedModelServer server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Verify_marks_a_quantized_copy_suspect_with_exit_1_and_rank_list_and_run_then_leave_it_out()
    {
        var verify = await _sandbox.RunAsync("providers", "verify", "quantized", "--against", "reference", "--json");
        Assert.True(verify.ExitCode == 1, verify.ToString());
        var verdict = JsonDocument.Parse(verify.Stdout).RootElement;
        Assert.Equal("suspect", verdict.GetProperty("verdict").GetString());
        Assert.True(verdict.GetProperty("p_value").GetDouble() < 0.01);
        Assert.Equal(300, verdict.GetProperty("samples").GetInt32());

        var rank = await _sandbox.RunAsync("providers", "rank", "fake-model", "--json");
        var rows = JsonDocument.Parse(rank.Stdout).RootElement.EnumerateArray().ToList();
        var excluded = rows.Single(r => r.GetProperty("endpoint").GetString() == "quantized").GetProperty("excluded").GetString();
        Assert.StartsWith("suspect", excluded, StringComparison.Ordinal);

        var probe = await _sandbox.RunAsync("providers", "probe", "--endpoint", "liar", "--kind", "cache", "--json");
        Assert.True(probe.ExitCode == 0, probe.ToString());
        var liar = JsonDocument.Parse(probe.Stdout).RootElement.GetProperty("endpoints")[0];
        Assert.Equal(["cache-liar"], liar.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));

        // The cheapest endpoint is suspect: the run goes to the next cheapest, and is metered there.
        var run = await _sandbox.RunAsync("run", "--json", "Reply with exactly: routed");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("routed", JsonDocument.Parse(run.Stdout).RootElement.GetProperty("final_text").GetString());

        var list = await _sandbox.RunAsync("providers", "list", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        var endpoints = JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        Assert.Contains("suspect", Flags(endpoints["quantized"]));
        Assert.Contains("quantization int4", endpoints["quantized"].GetProperty("declared").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("cache-liar", Flags(endpoints["liar"]));
        Assert.Empty(Flags(endpoints["reference"]));
        Assert.Equal(1, endpoints["reference"].GetProperty("calls").GetInt32());
        Assert.True(endpoints["reference"].GetProperty("time_to_first_token_p50_ms").GetDouble() >= 0);
        Assert.Equal(0, endpoints["quantized"].GetProperty("calls").GetInt32());
    }

    [Fact]
    public async Task A_spent_probe_budget_stops_probing_and_the_run_still_goes_out()
    {
        string config = File.ReadAllText(_sandbox.UserConfigFile).Replace("\"policy\": \"cheapest\"", "\"policy\": \"cheapest\", \"probeBudgetUsd\": 0", StringComparison.Ordinal);
        _sandbox.WriteUserConfig(config);

        var probe = await _sandbox.RunAsync("providers", "probe", "--json");
        Assert.True(probe.ExitCode == 0, probe.ToString());
        Assert.Contains("probe budget spent", JsonDocument.Parse(probe.Stdout).RootElement.GetProperty("stopped").GetString(), StringComparison.Ordinal);
        Assert.All(_servers, s => Assert.Empty(s.Requests));

        var run = await _sandbox.RunAsync("run", "--json", "Reply with exactly: still routing");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Single(_servers[2].Requests);
    }

    [Fact]
    public async Task Pin_stores_the_session_s_endpoint_for_every_later_routing_client_and_rejects_unknown_endpoints()
    {
        var pin = await _sandbox.RunAsync("providers", "pin", "session-7", "liar", "--json");
        Assert.True(pin.ExitCode == 0, pin.ToString());
        var pinned = JsonDocument.Parse(pin.Stdout).RootElement;
        Assert.Equal("session-7", pinned.GetProperty("session").GetString());
        Assert.Equal("liar", pinned.GetProperty("endpoint").GetString());
        Assert.Equal("liar", RoutingEvidence.Load(_sandbox.DatabaseFile, _ => { }).Pins["session-7"]);

        var bad = await _sandbox.RunAsync("providers", "pin", "session-7", "nowhere");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("no endpoint 'nowhere'", bad.Stderr, StringComparison.Ordinal);
    }

    private static IEnumerable<string?> Flags(JsonElement endpoint) =>
        endpoint.GetProperty("detected").EnumerateArray().Select(d => d.GetProperty("flag").GetString());

    private async Task<string> StartAsync(string persona, int seed, double epsilon = 0.1)
    {
        var server = await ScriptedModelServer.StartAsync(
            new ProbeResponder(seed).Script(),
            new ScriptedModelServerOptions { Persona = ProviderPersonas.Create(persona, advance: null, seed, epsilon), MinCacheableTokens = 1024 });
        _servers.Add(server);
        return server.BaseUrl + "/v1";
    }
}
