using Chitin.Core.Metering;
using Chitin.Providers.Routing.Configuration;
using Chitin.Providers.Tests.Support;
using Xunit.Abstractions;

namespace Chitin.Providers.Tests.Routing;

/// <summary>The measured cache-hit rate, not the list price, decides; a session stays where its prefix is cached.</summary>
public sealed class CacheRoutingTests(ITestOutputHelper output)
{
    private static readonly ModelPrice Cheap = new(1m, 0.1m, 0m, 4m);
    private static readonly ModelPrice TwiceTheListPrice = new(2m, 0.2m, 0m, 8m);

    [Fact]
    public async Task Caching_endpoint_wins_a_30_turn_session_at_twice_the_list_price()
    {
        using var deadline = ProviderTestKit.Deadline();
        await using var kit = new RoutingKit();
        await kit.AddAsync("cacheless", Cheap, caching: false);
        await kit.AddAsync("caching", TwiceTheListPrice);
        using var routed = kit.Client(RoutingPolicy.Balanced);
        var turns = await RoutingKit.RunSessionAsync(routed, "a long session", 30, deadline.Token, kit.Clock);

        await using var pinnedKit = new RoutingKit();
        await pinnedKit.AddAsync("cacheless", Cheap, caching: false);
        using var pinned = pinnedKit.Client(RoutingPolicy.Cheapest);
        var pinnedTurns = await RoutingKit.RunSessionAsync(pinned, "a long session", 30, deadline.Token, pinnedKit.Clock);

        decimal routedCost = turns.Sum(kit.Cost);
        decimal pinnedCost = pinnedTurns.Sum(pinnedKit.Cost);
        int onCaching = turns.Count(t => t.Endpoint == "caching");
        output.WriteLine($"routed ${routedCost:0.0000} ({onCaching}/30 turns on caching), pinned to list-cheapest ${pinnedCost:0.0000}, saving {1 - (routedCost / pinnedCost):P1}");
        output.WriteLine(string.Join(" ", turns.Select(t => t.Endpoint == "caching" ? "C" : "-")));

        Assert.Equal("cacheless", turns[0].Endpoint);
        Assert.True(onCaching >= 20, $"the caching endpoint should serve most of the session, served {onCaching} of 30");
        Assert.True(turns.SkipWhile(t => t.Endpoint != "caching").All(t => t.Endpoint == "caching"), "once moved, the session stays");
        Assert.True(routedCost < pinnedCost * 0.8m, $"routed ${routedCost} should undercut the list-cheapest endpoint's ${pinnedCost} by 20%+");
        Assert.Single(kit.Notices, n => n.Kind == "moved");
    }

    [Fact]
    public async Task One_shot_calls_go_to_the_cheap_endpoint_even_when_the_other_caches()
    {
        using var deadline = ProviderTestKit.Deadline();
        await using var kit = new RoutingKit();
        await kit.AddAsync("cacheless", Cheap, caching: false);
        await kit.AddAsync("caching", TwiceTheListPrice);
        using var client = kit.Client(RoutingPolicy.Balanced);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal("cacheless", (await RoutingKit.RunSessionAsync(client, $"one-shot {i}", 1, deadline.Token))[0].Endpoint);
        }

        Assert.Empty(kit["caching"].Requests);
    }

    [Fact]
    public async Task A_session_sticks_to_where_its_prefix_is_cached_for_20_turns()
    {
        using var deadline = ProviderTestKit.Deadline();
        await using var kit = new RoutingKit();
        await kit.AddAsync("first", Cheap);
        await kit.AddAsync("second", Cheap);
        await kit.AddAsync("third", Cheap);
        using var client = kit.Client(RoutingPolicy.Balanced);
        var turns = await RoutingKit.RunSessionAsync(client, "sticky", 20, deadline.Token, kit.Clock);

        int hits = turns.Skip(1).Count(t => t.Cached > 0 && t.Endpoint == turns[0].Endpoint);
        double cachedShare = (double)turns.Skip(1).Sum(t => t.Cached) / turns.Skip(1).Sum(t => t.Input);
        output.WriteLine($"{hits}/19 follow-up turns hit the cache; cached share of prompt tokens {cachedShare:P1}");
        Assert.True(hits >= 19 * 0.95, $"only {hits} of 19 follow-up turns hit the cache");
        Assert.All(turns, t => Assert.Equal(turns[0].Endpoint, t.Endpoint));
        Assert.Empty(kit.Notices);
    }

    [Fact]
    public async Task An_idle_session_past_the_cache_lifetime_is_routed_afresh()
    {
        using var deadline = ProviderTestKit.Deadline();
        await using var kit = new RoutingKit();
        await kit.AddAsync("first", Cheap);
        using var client = kit.Client(RoutingPolicy.Balanced);
        var history = new List<Microsoft.Extensions.AI.ChatMessage> { new(Microsoft.Extensions.AI.ChatRole.User, "idle " + RoutingKit.Filler(300)) };
        await RoutingKit.CallAsync(client, history, deadline.Token);
        var options = new Microsoft.Extensions.AI.ChatOptions { ModelId = RoutingKit.Model };
        Assert.Equal("first", client.Plan(history, options).CachedAt);

        kit.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Null(client.Plan(history, options).CachedAt);
    }
}
