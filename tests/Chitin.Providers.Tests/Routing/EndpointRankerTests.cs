using Chitin.Core.Metering;
using Chitin.Providers.Routing;
using Chitin.Providers.Routing.Configuration;
using Chitin.Providers.Routing.Ranking;
using Chitin.Providers.Routing.Telemetry;
using Chitin.Providers.Tests.Support;

namespace Chitin.Providers.Tests.Routing;

public sealed class EndpointRankerTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly EndpointRanker _ranker = new(RoutingOptions.Default);
    private readonly ManualClock _clock = new();

    [Fact]
    public void Measured_hit_rate_beats_list_price_for_long_sessions_but_not_for_one_shots()
    {
        var cacheless = Endpoint("cacheless", new ModelPrice(1m, 0.1m, 0m, 4m), 0, measuredHitRate: 0.0);
        var caching = Endpoint("caching", new ModelPrice(2m, 0.2m, 0m, 8m), 1, measuredHitRate: 0.95);

        var session = _ranker.Rank([cacheless, caching], RouteQuery.From(CallShape.Parse("in=20000,out=500,turns=30")), RoutingPolicy.Cheapest);
        var oneShot = _ranker.Rank([cacheless, caching], RouteQuery.From(CallShape.Parse("turns=1")), RoutingPolicy.Cheapest);

        Assert.Equal(["caching", "cacheless"], session.Select(r => r.Endpoint.Name));
        Assert.Equal(["cacheless", "caching"], oneShot.Select(r => r.Endpoint.Name));

        // One-shot at the cheap endpoint: 20000 × $1 + 500 × $4 per million.
        Assert.Equal(0.022, oneShot[0].ExpectedCostUsd, 9);
    }

    [Fact]
    public void Expected_cost_is_divided_by_the_success_rate()
    {
        var reliable = Endpoint("reliable", new ModelPrice(1m, 1m, 0m, 1m), 0);
        var flaky = Endpoint("flaky", new ModelPrice(1m, 1m, 0m, 1m), 1);
        flaky.Telemetry.Record(new CallOutcome(At, ErrorClass.None, 100, 200, 10, 0, 0, 10, 0));
        flaky.Telemetry.Record(CallOutcome.Failure(At, ErrorClass.ServerError));

        var ranked = _ranker.Rank([flaky, reliable], RouteQuery.From(new CallShape(1000, 1000, 1)), RoutingPolicy.Cheapest);

        Assert.Equal("reliable", ranked[0].Endpoint.Name);
        Assert.Equal(2 * ranked[0].ExpectedCostUsd, ranked[1].ExpectedCostUsd, 12);
    }

    [Fact]
    public void Hard_gates_exclude_with_a_reason_and_ordered_keeps_config_order()
    {
        var small = Endpoint("small", new ModelPrice(0.1m, 0.1m, 0m, 0.1m), 0, contextTokens: 8000);
        var broken = Endpoint("broken", new ModelPrice(0.1m, 0.1m, 0m, 0.1m), 1);
        var spent = Endpoint("spent", new ModelPrice(0.1m, 0.1m, 0m, 0.1m), 2);
        var fine = Endpoint("fine", new ModelPrice(5m, 5m, 0m, 5m), 3);
        broken.Health.OnFailure(ErrorClass.PaymentRequired);

        var ranked = _ranker.Rank([small, broken, spent, fine], RouteQuery.From(new CallShape(20000, 500, 1)), RoutingPolicy.Ordered,
            (endpoint, worst) => endpoint.Name == "spent" ? $"endpoint budget spent (worst case ${worst:0.#####})" : null);

        Assert.Equal("fine", ranked[0].Endpoint.Name);
        Assert.True(ranked[0].Eligible);
        Assert.Contains("not enough context", ranked.Single(r => r.Endpoint.Name == "small").Excluded, StringComparison.Ordinal);
        Assert.Contains("payment required", ranked.Single(r => r.Endpoint.Name == "broken").Excluded, StringComparison.Ordinal);
        Assert.Equal("endpoint budget spent (worst case $0.00205)", ranked.Single(r => r.Endpoint.Name == "spent").Excluded);
    }

    [Fact]
    public void Shape_parses_and_rejects_unknown_parts()
    {
        Assert.Equal(new CallShape(20000, 500, 30), CallShape.Parse("in=20000,out=500,turns=30"));
        Assert.Equal(CallShape.Default with { Turns = 1 }, CallShape.Parse("turns=1"));
        Assert.Contains("no part 'size'", Assert.Throws<FormatException>(() => CallShape.Parse("size=3")).Message, StringComparison.Ordinal);
        Assert.Contains("positive whole number", Assert.Throws<FormatException>(() => CallShape.Parse("in=-3")).Message, StringComparison.Ordinal);
    }

    private RoutedEndpoint Endpoint(string name, ModelPrice price, int order, double? measuredHitRate = null, int? contextTokens = null)
    {
        var telemetry = new EndpointTelemetry();
        if (measuredHitRate is { } rate)
        {
            for (int i = 0; i < 20; i++)
            {
                telemetry.Record(new CallOutcome(At, ErrorClass.None, 300, 1300, 10000, (long)(rate * 9000), 0, 100, 9000));
            }
        }

        var settings = new EndpointSettings { Name = name, Model = "m", BaseUrl = "http://127.0.0.1:1/v1", Price = price, ContextTokens = contextTokens };
        return new RoutedEndpoint(settings, order, new EndpointHealth(RoutingOptions.Default, _clock), telemetry);
    }
}
