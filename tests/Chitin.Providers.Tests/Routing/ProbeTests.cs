using Chitin.Core.Evaluation;
using Chitin.Core.Metering;
using Chitin.Providers.Routing;
using Chitin.Providers.Routing.Configuration;
using Chitin.Providers.Routing.Evaluation;
using Chitin.Providers.Routing.Probes;
using Chitin.Providers.Routing.Telemetry;
using Chitin.Providers.Tests.Support;
using Chitin.Storage.Evaluation;
using Microsoft.Extensions.AI;

namespace Chitin.Providers.Tests.Routing;

/// <summary>Probes against scripted-server personas on their own ports, samples and verdicts in a real SQLite file.</summary>
public sealed class ProbeTests : IDisposable
{
    private static readonly ModelPrice Price = new(1m, 0.1m, 0m, 4m);
    private readonly string _folder = Directory.CreateTempSubdirectory("chitin-probe-").FullName;

    private string Database => Path.Combine(_folder, "chitin.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Cache_probe_flags_the_cache_liar_and_the_token_inflater_and_passes_the_honest_cache()
    {
        using var deadline = ProviderTestKit.Deadline();
        await using var kit = new RoutingKit();
        await kit.AddPersonaAsync("caching", Price);
        await kit.AddPersonaAsync("cache-liar", Price);
        await kit.AddPersonaAsync("token-inflater", Price, reference: "caching");
        await kit.AddPersonaAsync("cacheless", Price);
        using var client = kit.Client();
        var (runner, store, verdicts) = await RunnerAsync(kit, client, 0.50m);

        ProbeReport report = await runner.ProbeAsync(null, ProbeKind.Cache, deadline.Token);

        Assert.Null(report.Stopped);
        EndpointProbeResult honest = report.Endpoints.Single(e => e.Endpoint == "caching");
        Assert.Equal(0, honest.CacheFirstCachedTokens);
        Assert.True(honest.CacheSecondCachedTokens > 1000, $"a repeated prefix is served from the cache, got {honest.CacheSecondCachedTokens}");
        Assert.True(honest.CacheSecondTtftMs < honest.CacheFirstTtftMs * 0.9, $"and faster: {honest.CacheFirstTtftMs} then {honest.CacheSecondTtftMs} ms");
        Assert.Empty(honest.Flags);

        EndpointProbeResult liar = report.Endpoints.Single(e => e.Endpoint == "cache-liar");
        Assert.True(liar.CacheFirstCachedTokens > 0);
        Assert.Equal([ProblemFlag.CacheLiar], liar.Flags);

        Assert.Equal([ProblemFlag.TokenInflater], report.Endpoints.Single(e => e.Endpoint == "token-inflater").Flags);
        Assert.Equal([ProblemFlag.NoCacheHits], report.Endpoints.Single(e => e.Endpoint == "cacheless").Flags);

        // Verdicts are stored and raw samples kept, two calls per endpoint plus the inflater's reference count.
        var stored = (await store.LoadVerdictsAsync(deadline.Token)).ToDictionary(v => v.Endpoint);
        Assert.Equal([ProblemFlag.CacheLiar], stored["cache-liar"].Flags);
        Assert.Contains(ProblemFlag.CacheLiar, verdicts.Find("cache-liar")!.Flags);
        IReadOnlyList<ProbeSample> samples = await store.LoadSamplesAsync(report.RunId, deadline.Token);
        Assert.Equal(9, samples.Count);
        Assert.Contains(samples, s => s.Endpoint == "cache-liar" && s.Case == "fresh_prefix" && s.Passed == false && s.CachedInputTokens > 0);
        Assert.True(report.SpentTodayUsd > 0 && report.SpentTodayUsd == await store.ProbeSpendAsync(DateTimeOffset.MinValue, deadline.Token));
    }

    [Fact]
    public async Task Passive_telemetry_flags_the_cache_liar_and_the_token_inflater_from_routed_calls()
    {
        using var deadline = ProviderTestKit.Deadline();
        await using var kit = new RoutingKit();
        await kit.AddPersonaAsync("caching", Price);
        await kit.AddPersonaAsync("cache-liar", Price);
        await kit.AddPersonaAsync("token-inflater", Price, reference: "caching");
        foreach (string name in (string[])["caching", "cache-liar", "token-inflater"])
        {
            using var client = kit.Client(only: [name]);
            for (int session = 0; session < 3; session++)
            {
                // Each session opens differently: its first call's prefix was never sent anywhere.
                await RoutingKit.RunSessionAsync(client, $"session {session}", 3, deadline.Token, kit.Clock, system: $"Agent {session} of {name}. ");
            }
        }

        EndpointStats Stats(string name) => kit.Telemetry.Stats(name);
        IReadOnlyList<EndpointProblem> Problems(string name) =>
            ProblemDetector.Detect(kit.Endpoints.Single(e => e.Name == name), Stats(name), kit.Endpoints.Single(e => e.Name == name).Reference is { } r ? Stats(r) : null, null);

        Assert.Empty(Problems("caching"));
        Assert.True(Stats("caching").CacheHitRate > 0.8, $"the honest cache hits, got {Stats("caching").CacheHitRate}");
        Assert.Equal([ProblemFlag.CacheLiar], Problems("cache-liar").Select(p => p.Flag));
        Assert.Equal(3, Stats("cache-liar").PhantomCacheCalls);
        Assert.Equal([ProblemFlag.TokenInflater], Problems("token-inflater").Select(p => p.Flag));
        Assert.InRange(Stats("token-inflater").PromptTokenRatio!.Value / Stats("caching").PromptTokenRatio!.Value, 1.25, 1.35);
    }

    [Fact]
    public async Task Conformance_passes_an_honest_endpoint_with_absolute_checks_and_by_agreement_with_its_reference()
    {
        using var deadline = ProviderTestKit.Deadline();
        await using var kit = new RoutingKit();
        await kit.AddPersonaAsync("reference", Price, seed: 3, persona: "caching");
        await kit.AddPersonaAsync("twin", Price, seed: 4, persona: "caching", reference: "reference");
        await kit.AddPersonaAsync("quantized", Price, seed: 5, epsilon: 0.5, reference: "reference");
        using var client = kit.Client();
        var (runner, _, verdicts) = await RunnerAsync(kit, client, 0.50m);

        ProbeReport report = await runner.ProbeAsync(null, ProbeKind.Conformance, deadline.Token);

        EndpointProbeResult absolute = report.Endpoints.Single(e => e.Endpoint == "reference");
        Assert.Null(absolute.JudgedAgainst);
        Assert.True(absolute.ConformanceRate == 1.0, string.Join("; ", absolute.Failures));
        EndpointProbeResult twin = report.Endpoints.Single(e => e.Endpoint == "twin");
        Assert.Equal("reference", twin.JudgedAgainst);
        Assert.True(twin.ConformanceRate == 1.0, string.Join("; ", twin.Failures));
        Assert.Equal(10, twin.ConformanceChecks);
        EndpointProbeResult degraded = report.Endpoints.Single(e => e.Endpoint == "quantized");
        Assert.True(degraded.ConformanceRate < 0.9, $"half the answers corrupted, got {degraded.ConformanceRate}");

        // Below 90% is a hard gate: routing leaves it out and says why.
        var plan = client.Plan([new ChatMessage(ChatRole.User, "hello")], new ChatOptions { ModelId = RoutingKit.Model });
        Assert.DoesNotContain(plan.Order, t => t.Endpoint.Name == "quantized");
        Assert.Contains("conformance", plan.Ranking.Single(r => r.Endpoint.Name == "quantized").Excluded, StringComparison.Ordinal);
        Assert.False(verdicts.Find("twin")!.Suspect);
    }

    [Fact]
    public async Task Quantized_copy_at_epsilon_0_1_is_caught_and_an_honest_twin_passes_in_95_percent_of_seeds()
    {
        // 20 seeds x 2 verifies x 300 samples a side: seeds run side by side, each on servers of its own, each
        // sequential inside so its outcome is fixed by its seed. A deadline of its own: it is the heaviest test here.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        const int Seeds = 20;
        using var lanes = new SemaphoreSlim(4);
        var outcomes = await Task.WhenAll(Enumerable.Range(1, Seeds).Select(async seed =>
        {
            await lanes.WaitAsync(deadline.Token);
            try
            {
                return await VerifySeedAsync(seed, deadline.Token);
            }
            finally
            {
                lanes.Release();
            }
        }));

        string figures = string.Join("\n", outcomes.Select(o => o.Figures));
        Assert.True(outcomes.All(o => o.Caught), figures);
        Assert.True(outcomes.Count(o => o.HonestPassed) >= 0.95 * Seeds, figures);
    }

    [Fact]
    public async Task A_suspect_verdict_excludes_the_endpoint_with_the_reason_and_survives_a_restart()
    {
        using var deadline = ProviderTestKit.Deadline();
        await using var kit = new RoutingKit();
        await kit.AddPersonaAsync("reference", Price, seed: 7, persona: "caching");
        await kit.AddPersonaAsync("quantized", new ModelPrice(0.5m, 0.05m, 0m, 2m), seed: 8, epsilon: 0.2);
        using (var client = kit.Client(RoutingPolicy.Cheapest))
        {
            var (runner, _, _) = await RunnerAsync(kit, client, 1m);
            (EndpointProbeResult verified, _) = await runner.VerifyAsync("quantized", "reference", deadline.Token);
            Assert.True(verified.Suspect, $"p = {verified.PValue}");
        }

        // A new client (a restart) loads the stored verdicts: the cheaper, suspect endpoint stays out.
        var verdicts = new VerdictBook();
        verdicts.Load(await SqliteProviderEvaluationStore.Open(Database).LoadVerdictsAsync(deadline.Token));
        using var restarted = RoutingClientFactory.Create(kit.Endpoints, new RoutingSettings { Policy = RoutingPolicy.Cheapest }, _ => null, time: kit.Clock, verdicts: verdicts);
        var turn = await RoutingKit.CallAsync(restarted, [new ChatMessage(ChatRole.User, "Reply with exactly: hi")], deadline.Token);
        Assert.Equal("reference", turn.Endpoint);
        var plan = restarted.Plan([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = RoutingKit.Model });
        Assert.StartsWith("suspect", plan.Ranking.Single(r => r.Endpoint.Name == "quantized").Excluded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spent_probe_budget_stops_probes_but_not_routing()
    {
        using var deadline = ProviderTestKit.Deadline();
        await using var kit = new RoutingKit();
        var server = await kit.AddPersonaAsync("caching", Price);
        using var client = kit.Client();

        // Enough for a few latency calls, not for the cache probe's long prefix.
        var (runner, store, _) = await RunnerAsync(kit, client, 0.001m);
        ProbeReport report = await runner.ProbeAsync("caching", null, deadline.Token);
        Assert.NotNull(report.Stopped);
        Assert.Contains("probe budget spent", report.Stopped, StringComparison.Ordinal);
        Assert.NotNull(report.Endpoints[0].TimeToFirstTokenP50Ms);
        Assert.Null(report.Endpoints[0].ConformanceRate);
        Assert.True(report.SpentTodayUsd <= 0.001m);
        int probeRequests = server.Requests.Count;

        // The next run loads today's spend from the store and stops at once.
        var (again, _, _) = await RunnerAsync(kit, client, 0.001m);
        ProbeReport refused = await again.ProbeAsync("caching", ProbeKind.Cache, deadline.Token);
        Assert.NotNull(refused.Stopped);
        Assert.Equal(probeRequests, server.Requests.Count);
        Assert.Equal(report.SpentTodayUsd, await store.ProbeSpendAsync(DateTimeOffset.MinValue, deadline.Token));

        // Routing goes on.
        var turn = await RoutingKit.CallAsync(client, [new ChatMessage(ChatRole.User, "Reply with exactly: still routing")], deadline.Token);
        Assert.Equal("still routing", turn.Text);
        Assert.Equal(probeRequests + 1, server.Requests.Count);
    }

    [Fact]
    public async Task A_stored_pin_sends_its_session_to_the_pinned_endpoint_after_a_restart_while_others_route_freely()
    {
        using var deadline = ProviderTestKit.Deadline();
        await using var kit = new RoutingKit();
        await kit.AddPersonaAsync("cheap", Price, persona: "caching");
        await kit.AddPersonaAsync("dear", Price with { Input = 5m, Output = 20m }, persona: "caching");
        await SqliteProviderEvaluationStore.Open(Database).PinAsync("session-9", "dear", deadline.Token);

        // What the host does when it builds a routing client: load the stored pins.
        using var client = kit.Client(RoutingPolicy.Cheapest);
        foreach (var (session, endpoint) in await SqliteProviderEvaluationStore.Open(Database).LoadPinsAsync(deadline.Token))
        {
            client.Sessions.Pin(session, endpoint);
        }

        List<ChatMessage> history = [new(ChatRole.User, "Reply with exactly: pinned")];
        for (int turn = 0; turn < 3; turn++)
        {
            var pinned = await RoutingKit.CallAsync(client, history, deadline.Token, new ChatOptions { ModelId = RoutingKit.Model, AdditionalProperties = Core.Agents.RunProperties.Create("session-9", "default") });
            Assert.Equal("dear", pinned.Endpoint);
        }

        var free = await RoutingKit.CallAsync(client, history, deadline.Token, new ChatOptions { ModelId = RoutingKit.Model, AdditionalProperties = Core.Agents.RunProperties.Create("session-10", "default") });
        Assert.Equal("cheap", free.Endpoint);
    }

    [Fact]
    public async Task Personas_on_the_fake_clock_let_fastest_pick_fast_from_measured_calls()
    {
        using var deadline = ProviderTestKit.Deadline();
        await using var kit = new RoutingKit();
        await kit.AddPersonaAsync("slow", Price);
        await kit.AddPersonaAsync("fast", Price with { Input = 3m, Output = 12m });
        foreach (string name in (string[])["slow", "fast"])
        {
            using var warm = kit.Client(only: [name]);
            await RoutingKit.RunSessionAsync(warm, "warm-up " + name, 3, deadline.Token, kit.Clock);
        }

        Assert.True(kit.Telemetry.Stats("slow").TimeToFirstTokenP50Ms > 3000);
        Assert.True(kit.Telemetry.Stats("fast").TimeToFirstTokenP50Ms < 1000);
        using (var fastest = kit.Client(RoutingPolicy.Fastest))
        {
            Assert.Equal("fast", (await RoutingKit.RunSessionAsync(fastest, "fastest", 1, deadline.Token))[0].Endpoint);
        }

        using var balanced = kit.Client(RoutingPolicy.Balanced);
        Assert.Equal("slow", (await RoutingKit.RunSessionAsync(balanced, "balanced", 1, deadline.Token))[0].Endpoint);
    }

    private async Task<(bool Caught, bool HonestPassed, string Figures)> VerifySeedAsync(int seed, CancellationToken ct)
    {
        await using var kit = new RoutingKit();
        await kit.AddPersonaAsync("reference", Price, seed: seed * 3, persona: "caching");
        await kit.AddPersonaAsync("twin", Price, seed: (seed * 3) + 1, persona: "caching");
        await kit.AddPersonaAsync("quantized", Price, seed: (seed * 3) + 2, epsilon: 0.1);
        using var client = kit.Client();
        var store = SqliteProviderEvaluationStore.Open(Path.Combine(_folder, $"seed-{seed}.db"));
        ProbeBudget budget = await ProbeBudget.LoadAsync(store, 10m, kit.Clock, ct);
        var runner = new ProbeRunner(kit.ProbeTargets(client), store, client.Ranker.Verdicts, budget, kit.Clock, new ProbeOptions { Seed = seed, ConformanceRounds = 1 });
        (EndpointProbeResult quantized, _) = await runner.VerifyAsync("quantized", "reference", ct);
        (EndpointProbeResult twin, _) = await runner.VerifyAsync("twin", "reference", ct);
        return (quantized.Suspect == true, twin.Suspect == false,
            $"seed {seed}: quantized p = {quantized.PValue}, conformance {quantized.ConformanceRate}; twin p = {twin.PValue}");
    }

    private async Task<(ProbeRunner Runner, SqliteProviderEvaluationStore Store, VerdictBook Verdicts)> RunnerAsync(
        RoutingKit kit, EndpointRoutingChatClient client, decimal budgetUsd, ProbeOptions? options = null)
    {
        var store = SqliteProviderEvaluationStore.Open(Database);
        var verdicts = client.Ranker.Verdicts;
        ProbeBudget budget = await ProbeBudget.LoadAsync(store, budgetUsd, kit.Clock, CancellationToken.None);
        return (new ProbeRunner(kit.ProbeTargets(client), store, verdicts, budget, kit.Clock, options), store, verdicts);
    }
}
