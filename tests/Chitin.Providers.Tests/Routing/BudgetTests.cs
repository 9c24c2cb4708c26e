using Chitin.Core.Agents;
using Chitin.Core.Budgets;
using Chitin.Core.Metering;
using Chitin.Providers.Routing.Budgets;
using Chitin.Providers.Routing.Configuration;
using Chitin.Providers.Tests.Support;
using Chitin.Storage.Budgets;
using Microsoft.Extensions.AI;

namespace Chitin.Providers.Tests.Routing;

/// <summary>Budgets in a real SQLite file: hard caps refuse calls, soft and 80% warn, endpoint caps reroute.</summary>
public sealed class BudgetTests : IDisposable
{
    private static readonly ModelPrice Price = new(1m, 0.1m, 0m, 4m);
    private readonly string _folder = Directory.CreateTempSubdirectory("chitin-budget-").FullName;
    private readonly ManualClock _clock = new();

    private string Database => Path.Combine(_folder, "chitin.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_hard_cap_stops_the_call_before_it_is_made_and_raising_it_resumes()
    {
        using var deadline = ProviderTestKit.Deadline();
        await using var kit = new RoutingKit();
        var server = await kit.AddAsync("only", Price);
        var store = SqliteBudgetStore.Open(Database);
        await store.SetCapAsync(new BudgetCap(BudgetScope.Global, BudgetPeriod.Day, HardUsd: 1m), deadline.Token);
        var run = new BudgetRun("run-1", "default", "session-1");
        var history = new List<ChatMessage> { new(ChatRole.User, "spend " + RoutingKit.Filler(400)) };
        var options = new ChatOptions { ModelId = RoutingKit.Model, MaxOutputTokens = 100 };

        using (var client = kit.Client(budgets: await BudgetLedger.LoadAsync(store, run, _clock, deadline.Token)))
        {
            await RoutingKit.CallAsync(client, history, deadline.Token, options);
        }

        SpendTotal spent = await store.SpentAsync(BudgetScope.Global, BudgetWindows.Start(BudgetPeriod.Day, _clock.GetUtcNow()), null, deadline.Token);
        Assert.True(spent.Usd > 0 && spent.Tokens > 0, $"the first call is booked, got {spent}");

        // Just above what is spent: the next call's worst case does not fit.
        await store.SetCapAsync(new BudgetCap(BudgetScope.Global, BudgetPeriod.Day, HardUsd: spent.Usd + 0.0001m), deadline.Token);
        using (var client = kit.Client(budgets: await BudgetLedger.LoadAsync(store, run with { RunId = "run-2" }, _clock, deadline.Token)))
        {
            var refused = await Assert.ThrowsAsync<BudgetExceededException>(() => RoutingKit.CallAsync(client, history, deadline.Token, options));
            Assert.Contains("global day hard cap", refused.Message, StringComparison.Ordinal);
            Assert.Contains("chitin budget set", refused.Message, StringComparison.Ordinal);
        }

        Assert.Single(server.Requests);

        await store.SetCapAsync(new BudgetCap(BudgetScope.Global, BudgetPeriod.Day, HardUsd: 1m), deadline.Token);
        using (var client = kit.Client(budgets: await BudgetLedger.LoadAsync(store, run with { RunId = "run-3" }, _clock, deadline.Token)))
        {
            Assert.Equal("only", (await RoutingKit.CallAsync(client, history, deadline.Token, options)).Endpoint);
        }

        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_spent_endpoint_budget_reroutes_instead_of_failing()
    {
        using var deadline = ProviderTestKit.Deadline();
        await using var kit = new RoutingKit();
        await kit.AddAsync("cheap", Price);
        await kit.AddAsync("dear", Price with { Input = 2m });
        var store = SqliteBudgetStore.Open(Database);
        await store.SetCapAsync(new BudgetCap(BudgetScope.Endpoint("cheap"), BudgetPeriod.Month, HardUsd: 0.000001m), deadline.Token);
        var ledger = await BudgetLedger.LoadAsync(store, new BudgetRun("run", "default", "s"), _clock, deadline.Token);
        using var client = kit.Client(RoutingPolicy.Cheapest, ledger);

        Assert.Equal("dear", (await RoutingKit.RunSessionAsync(client, "reroute", 1, deadline.Token))[0].Endpoint);
        Assert.Empty(kit["cheap"].Requests);
    }

    [Fact]
    public async Task Warnings_at_80_percent_and_at_the_soft_cap_once_per_window_and_windows_roll_over()
    {
        var store = SqliteBudgetStore.Open(Database);
        await store.SetCapAsync(new BudgetCap(BudgetScope.Agent("coder"), BudgetPeriod.Day, HardUsd: 1m), CancellationToken.None);
        await store.SetCapAsync(new BudgetCap(BudgetScope.Session("s1"), BudgetPeriod.Run, HardUsd: null, SoftUsd: 0.5m), CancellationToken.None);
        await store.SetCapAsync(new BudgetCap(BudgetScope.Endpoint("e"), BudgetPeriod.Week, HardUsd: null, HardTokens: 1000), CancellationToken.None);
        var ledger = await BudgetLedger.LoadAsync(store, new BudgetRun("r1", "coder", "s1"), _clock, CancellationToken.None);

        Assert.Empty(await ledger.RecordAsync("e", 0.4m, 100, CancellationToken.None));
        Assert.Equal(["session:s1 run soft cap $0.5 reached: $0.6 spent"], await ledger.RecordAsync("e", 0.2m, 100, CancellationToken.None));
        var eighty = await ledger.RecordAsync("e", 0.2m, 100, CancellationToken.None);
        Assert.Equal(["agent:coder day budget 80 % spent ($0.8 of $1)"], eighty);
        Assert.Empty(await ledger.RecordAsync("e", 0.01m, 10, CancellationToken.None));

        Assert.StartsWith("agent:coder day hard cap $1", ledger.Check("e", 0.5, 10), StringComparison.Ordinal);
        Assert.StartsWith("endpoint:e week hard cap of 1000 tokens", ledger.Check("e", 0.01, 800), StringComparison.Ordinal);
        Assert.Null(ledger.Check("other", 0.1, 800));

        // The next day the agent's day cap starts from zero; spend already booked still counts for the week.
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Null(ledger.Check("other", 0.5, 10));
        var tomorrow = await BudgetLedger.LoadAsync(store, new BudgetRun("r2", "coder", "s1"), _clock, CancellationToken.None);
        Assert.Null(tomorrow.Check("other", 0.9, 10));
        Assert.NotNull(tomorrow.Check("e", 0.01, 800));
    }

    [Fact]
    public async Task Concurrent_runs_of_one_process_see_each_others_spend_under_a_shared_cap()
    {
        var store = SqliteBudgetStore.Open(Database);
        await store.SetCapAsync(new BudgetCap(BudgetScope.Global, BudgetPeriod.Day, HardUsd: 1m), CancellationToken.None);
        await store.SetCapAsync(new BudgetCap(BudgetScope.Agent("reviewer"), BudgetPeriod.Day, HardUsd: 1m), CancellationToken.None);
        var book = new BudgetBook(() => store, _clock);
        var first = new BudgetRun("run-a", "default", "session-a");
        var second = new BudgetRun("run-b", "default", "session-b");
        var reviewer = new BudgetRun("run-c", "reviewer", "session-c");

        // All three runs are under way (their ledgers loaded) before the first one spends.
        Assert.Null(book.Check(first, "only", 0.1, 10));
        Assert.Null(book.Check(second, "only", 0.1, 10));
        Assert.Null(book.Check(reviewer, "only", 0.1, 10));
        await book.RecordAsync(first, "only", 0.8m, 1_000, CancellationToken.None);

        var refused = book.Check(second, "only", 0.3, 10);
        Assert.NotNull(refused);
        Assert.Contains("global day hard cap", refused, StringComparison.Ordinal);
        Assert.Null(book.Check(second, "only", 0.1, 10));

        // The agent cap of another agent is untouched by the default agent's spend; the global one is not.
        await book.RecordAsync(reviewer, "only", 0.1m, 100, CancellationToken.None);
        Assert.NotNull(book.Check(first, "only", 0.15, 10));
        Assert.Null(book.Check(first, "only", 0.05, 10));
    }
}
