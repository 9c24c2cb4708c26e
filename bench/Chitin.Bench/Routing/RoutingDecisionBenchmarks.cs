using BenchmarkDotNet.Attributes;
using Chitin.Core.Budgets;
using Chitin.Core.Metering;
using Chitin.Providers.Routing;
using Chitin.Providers.Routing.Budgets;
using Chitin.Providers.Routing.Configuration;
using Chitin.Providers.Routing.Ranking;
using Chitin.Providers.Routing.Telemetry;
using Chitin.Storage.Budgets;
using Chitin.Testing.InProcess;
using Microsoft.Extensions.AI;

namespace Chitin.Bench.Routing;

/// <summary>
/// Routing decision overhead per call: prompt estimate over a 30-turn history, four endpoints with full telemetry,
/// health gates, three budget caps, the sticky session and the ranking. Target ≤ 50 µs.
/// </summary>
[MemoryDiagnoser]
public class RoutingDecisionBenchmarks
{
    private string _root = "";
    private EndpointRoutingChatClient _client = null!;
    private List<ChatMessage> _history = null!;
    private ChatOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("chitin-bench-routing-").FullName;
        var store = SqliteBudgetStore.Open(Path.Combine(_root, "chitin.db"));
        store.SetCapAsync(new BudgetCap(BudgetScope.Global, BudgetPeriod.Day, 100m, 50m), CancellationToken.None).GetAwaiter().GetResult();
        store.SetCapAsync(new BudgetCap(BudgetScope.Agent("default"), BudgetPeriod.Month, 500m), CancellationToken.None).GetAwaiter().GetResult();
        store.SetCapAsync(new BudgetCap(BudgetScope.Endpoint("e2"), BudgetPeriod.Week, 20m), CancellationToken.None).GetAwaiter().GetResult();
        var ledger = BudgetLedger.LoadAsync(store, new BudgetRun("bench", "default", "s"), TimeProvider.System, CancellationToken.None).GetAwaiter().GetResult();

        var targets = new List<RoutingTarget>();
        for (int i = 0; i < 4; i++)
        {
            var telemetry = new EndpointTelemetry();
            for (int c = 0; c < EndpointTelemetry.Capacity; c++)
            {
                telemetry.Record(new CallOutcome(DateTimeOffset.UnixEpoch, ErrorClass.None, 200 + (i * 100) + c, 2000 + c, 20000, 15000, 0, 400, 18000));
            }

            var settings = new EndpointSettings
            {
                Name = $"e{i}",
                Model = "fake-model",
                BaseUrl = $"http://127.0.0.1:{9000 + i}/v1",
                Price = new ModelPrice(1m + i, 0.1m, 0m, 4m),
                ContextTokens = 128_000,
            };
            var endpoint = new RoutedEndpoint(settings, i, new EndpointHealth(RoutingOptions.Default, TimeProvider.System), telemetry);
            targets.Add(new RoutingTarget(endpoint, new ScriptedChatClient((_, _) => ScriptedTurn.Say("unused"))));
        }

        _client = new EndpointRoutingChatClient(targets, new RoutingSettings(), budgets: ledger);
        _history = [new ChatMessage(ChatRole.System, new string('s', 8000))];
        for (int t = 0; t < 30; t++)
        {
            _history.Add(new ChatMessage(ChatRole.User, new string('u', 1200)));
            _history.Add(new ChatMessage(ChatRole.Assistant, new string('a', 600)));
        }

        _options = new ChatOptions { ModelId = "fake-model" };
        string key = SessionRoutes.KeyOf(_history, _options);
        _client.Sessions.Update(key, new SessionRoute("e1", 20000, 400, _history.Count, DateTimeOffset.UtcNow.AddYears(1), 12));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Benchmark(Description = "routing decision: 4 endpoints, 61-message history, 3 budget caps")]
    public RoutePlan Decide() => _client.Plan(_history, _options);
}
