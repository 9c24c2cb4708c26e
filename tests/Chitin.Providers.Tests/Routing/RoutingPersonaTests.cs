using Chitin.Core.Agents;
using Chitin.Core.Metering;
using Chitin.Providers.Routing;
using Chitin.Providers.Routing.Configuration;
using Chitin.Providers.Tests.Support;
using Chitin.Testing.Faults;
using Microsoft.Extensions.AI;

namespace Chitin.Providers.Tests.Routing;

/// <summary>Scripted servers on their own ports as providers of one model, routed by the real client stack.</summary>
public sealed class RoutingPersonaTests
{
    private static readonly ModelPrice ListPrice = new(1m, 0.1m, 0m, 4m);

    [Fact]
    public async Task Fastest_picks_the_fast_endpoint_and_balanced_trades_speed_against_price()
    {
        using var deadline = ProviderTestKit.Deadline();
        await using var kit = new RoutingKit();
        await kit.AddAsync("slow", ListPrice);
        await kit.AddAsync("fast", ListPrice with { Input = 3m, CachedInput = 0.3m, Output = 12m });
        await kit.AddAsync("fast-same-price", ListPrice);
        kit.Telemetry.Seed(MeteredCalls("slow", firstTokenMs: 3000, tokensPerSecond: 20).Concat(MeteredCalls("fast", 200, 120))
            .Concat(MeteredCalls("fast-same-price", 200, 120)));

        using (var fastest = kit.Client(RoutingPolicy.Fastest, only: ["slow", "fast"]))
        {
            Assert.Equal("fast", (await RoutingKit.RunSessionAsync(fastest, "fastest one", 1, deadline.Token))[0].Endpoint);
        }

        using (var balanced = kit.Client(RoutingPolicy.Balanced, only: ["slow", "fast"]))
        {
            // Three times the price buys 20 s less waiting, worth less than the price gap at $0.36/h.
            Assert.Equal("slow", (await RoutingKit.RunSessionAsync(balanced, "balanced, priced", 1, deadline.Token))[0].Endpoint);
        }

        using (var balanced = kit.Client(RoutingPolicy.Balanced, only: ["slow", "fast-same-price"]))
        {
            Assert.Equal("fast-same-price", (await RoutingKit.RunSessionAsync(balanced, "balanced, same price", 1, deadline.Token))[0].Endpoint);
        }

        Assert.Single(kit["fast"].Requests);
        Assert.Single(kit["slow"].Requests);
        Assert.Single(kit["fast-same-price"].Requests);
    }

    [Fact]
    public async Task Flaky_endpoint_fails_over_before_the_first_token_opens_its_breaker_and_recovers()
    {
        using var deadline = ProviderTestKit.Deadline();
        await using var kit = new RoutingKit();
        var flaky = await kit.AddAsync("flaky", ListPrice);
        var steady = await kit.AddAsync("steady", ListPrice);
        using var client = kit.Client(RoutingPolicy.Ordered);
        for (int i = 0; i < 3; i++)
        {
            flaky.Faults.Enqueue(Fault.ServerError(503));
        }

        for (int i = 0; i < 3; i++)
        {
            var turn = (await RoutingKit.RunSessionAsync(client, $"call {i}", 1, deadline.Token))[0];
            Assert.Equal("steady", turn.Endpoint);
            Assert.StartsWith("steady answers", turn.Text, StringComparison.Ordinal);
        }

        Assert.Equal(3, kit.Notices.Count(n => n.Kind == "failover" && n.Endpoint == "flaky"));
        var breaker = client.Targets[0].Endpoint.Health;
        Assert.True(breaker.BreakerOpen);
        Assert.Contains("breaker open", client.Plan([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = RoutingKit.Model })
            .Ranking.Single(r => r.Endpoint.Name == "flaky").Excluded, StringComparison.Ordinal);

        // While open, the flaky endpoint gets no traffic at all.
        Assert.Equal("steady", (await RoutingKit.RunSessionAsync(client, "while open", 1, deadline.Token))[0].Endpoint);
        Assert.Equal(3, flaky.Requests.Count);

        // After the back-off a trial call goes there; its success closes the breaker.
        kit.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("flaky", (await RoutingKit.RunSessionAsync(client, "after back-off", 1, deadline.Token))[0].Endpoint);
        Assert.False(breaker.BreakerOpen);
        Assert.Null(breaker.Gate());
        Assert.Equal(5, steady.Requests.Count + 1);
    }

    [Fact]
    public async Task A_stream_that_breaks_after_its_first_token_is_not_replayed_elsewhere()
    {
        using var deadline = ProviderTestKit.Deadline();
        await using var kit = new RoutingKit();
        var flaky = await kit.AddAsync("flaky", ListPrice);
        var steady = await kit.AddAsync("steady", ListPrice);
        using var client = kit.Client(RoutingPolicy.Ordered);
        flaky.Faults.Enqueue(Fault.CutStreamAfter(3));

        var text = new System.Text.StringBuilder();
        var error = await Assert.ThrowsAsync<ModelCallException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hello")], new ChatOptions { ModelId = RoutingKit.Model }, deadline.Token))
            {
                text.Append(update.Text);
            }
        });

        Assert.True(error.IsTransient);
        Assert.StartsWith("flaky answers", text.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("steady", text.ToString(), StringComparison.Ordinal);
        Assert.Empty(steady.Requests);
        Assert.Equal(1, client.Targets[0].Endpoint.Telemetry.Stats.Failures[Chitin.Providers.Routing.Telemetry.ErrorClass.ServerError]);
    }

    [Fact]
    public async Task Rate_limited_endpoint_cools_down_for_as_long_as_Retry_After_says()
    {
        using var deadline = ProviderTestKit.Deadline();
        await using var kit = new RoutingKit();
        var limited = await kit.AddAsync("limited", ListPrice);
        await kit.AddAsync("other", ListPrice);
        using var client = kit.Client(RoutingPolicy.Ordered);
        limited.Faults.Enqueue(Fault.RateLimited(retryAfterSeconds: 120));

        Assert.Equal("other", (await RoutingKit.RunSessionAsync(client, "first", 1, deadline.Token))[0].Endpoint);
        kit.Clock.Advance(TimeSpan.FromSeconds(100));
        Assert.Equal("other", (await RoutingKit.RunSessionAsync(client, "second", 1, deadline.Token))[0].Endpoint);
        Assert.Single(limited.Requests);
        kit.Clock.Advance(TimeSpan.FromSeconds(21));
        Assert.Equal("limited", (await RoutingKit.RunSessionAsync(client, "third", 1, deadline.Token))[0].Endpoint);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(402)]
    public async Task Rejected_key_or_payment_disables_the_endpoint_for_hours(int status)
    {
        using var deadline = ProviderTestKit.Deadline();
        await using var kit = new RoutingKit();
        var broken = await kit.AddAsync("broken", ListPrice);
        await kit.AddAsync("other", ListPrice);
        using var client = kit.Client(RoutingPolicy.Ordered);
        broken.Faults.Enqueue(Fault.ServerError(status));

        Assert.Equal("other", (await RoutingKit.RunSessionAsync(client, "first", 1, deadline.Token))[0].Endpoint);
        kit.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal("other", (await RoutingKit.RunSessionAsync(client, "second", 1, deadline.Token))[0].Endpoint);
        Assert.Contains("disabled until", client.Targets[0].Endpoint.Health.Gate(), StringComparison.Ordinal);
        kit.Clock.Advance(TimeSpan.FromHours(1.1));
        Assert.Equal("broken", (await RoutingKit.RunSessionAsync(client, "third", 1, deadline.Token))[0].Endpoint);
    }

    private static IEnumerable<UsageRecord> MeteredCalls(string endpoint, double firstTokenMs, double tokensPerSecond) =>
        Enumerable.Range(0, 10).Select(i => new UsageRecord
        {
            SessionId = $"{endpoint}-{i}",
            Provider = endpoint,
            Model = RoutingKit.Model,
            InputTokens = 2000,
            OutputTokens = 500,
            TimeToFirstTokenMs = firstTokenMs + i,
            LatencyMs = firstTokenMs + i + (500 / tokensPerSecond * 1000),
            CreatedAt = DateTimeOffset.UnixEpoch.AddMinutes(i),
        });
}
