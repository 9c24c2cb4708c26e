using Chitin.Core.Metering;
using Chitin.Providers.Routing;
using Chitin.Providers.Routing.Telemetry;
using Chitin.Providers.Tests.Support;

namespace Chitin.Providers.Tests.Routing;

public sealed class EndpointTelemetryTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Computes_time_to_first_token_percentiles_decode_speed_and_success_by_class()
    {
        var telemetry = new EndpointTelemetry();
        for (int i = 1; i <= 10; i++)
        {
            // TTFT 100..1000 ms; 100 output tokens decoded in 1 s after the first token.
            telemetry.Record(new CallOutcome(At, ErrorClass.None, i * 100, (i * 100) + 1000, 1000, 0, 0, 100, 0));
        }

        telemetry.Record(CallOutcome.Failure(At, ErrorClass.ServerError));
        telemetry.Record(CallOutcome.Failure(At, ErrorClass.RateLimited));
        telemetry.Record(CallOutcome.Failure(At, ErrorClass.BadRequest));

        EndpointStats stats = telemetry.Stats;
        Assert.Equal((500.0, 900.0), (stats.TimeToFirstTokenP50Ms, stats.TimeToFirstTokenP90Ms));
        Assert.Equal(100.0, stats.DecodeTokensPerSecond);
        Assert.Equal((13, 10), (stats.Calls, stats.Successes));
        Assert.Equal(1, stats.Failures[ErrorClass.ServerError]);
        Assert.Equal(1, stats.Failures[ErrorClass.RateLimited]);

        // A bad request says nothing about the endpoint's health.
        Assert.Equal(10.0 / 12, stats.SuccessRate, 6);
    }

    [Fact]
    public void Cache_hit_rate_is_measured_on_repeated_prefixes_only()
    {
        var telemetry = new EndpointTelemetry();
        telemetry.Record(new CallOutcome(At, ErrorClass.None, 10, 20, 1000, 0, 0, 10, 0)); // first turn: nothing to hit
        telemetry.Record(new CallOutcome(At, ErrorClass.None, 10, 20, 1100, 800, 0, 10, 1000)); // 800 of 1000 repeated
        telemetry.Record(new CallOutcome(At, ErrorClass.None, 10, 20, 1200, 1000, 0, 10, 1000));

        Assert.Equal(0.9, telemetry.Stats.CacheHitRate!.Value, 6);
        Assert.Equal(2, telemetry.Stats.CacheSamples);
    }

    [Fact]
    public void Keeps_only_the_most_recent_calls()
    {
        var telemetry = new EndpointTelemetry();
        for (int i = 0; i < EndpointTelemetry.Capacity; i++)
        {
            telemetry.Record(CallOutcome.Failure(At, ErrorClass.ServerError));
        }

        for (int i = 0; i < EndpointTelemetry.Capacity; i++)
        {
            telemetry.Record(new CallOutcome(At, ErrorClass.None, 10, 20, 100, 0, 0, 10, 0));
        }

        Assert.Equal(1.0, telemetry.Stats.SuccessRate);
        Assert.Equal(EndpointTelemetry.Capacity, telemetry.Stats.Calls);
    }

    [Fact]
    public void Seeds_from_metering_rows_pairing_each_row_with_the_previous_one_of_its_session()
    {
        var book = new TelemetryBook();
        book.Seed(
        [
            Row("s1", "liar", 1, input: 2000, cached: 0, output: 100),
            Row("s1", "liar", 2, input: 2300, cached: 0, output: 100),
            Row("s2", "honest", 1, input: 2000, cached: 0, output: 100),
            Row("s2", "honest", 2, input: 2300, cached: 2048, output: 100),
            Row("s3", "", 1, input: 10, cached: 0, output: 1), // unrouted rows name no endpoint
        ]);

        Assert.Equal(0.0, book.Stats("liar").CacheHitRate);
        Assert.Equal(2048.0 / 2100, book.Stats("honest").CacheHitRate!.Value, 6);
        Assert.Equal(2, book.Stats("honest").Calls);
        Assert.Same(EndpointStats.Empty, book.Stats("nobody"));
    }

    [Fact]
    public void Health_cools_down_for_Retry_After_opens_the_breaker_with_back_off_and_disables_on_auth_failures()
    {
        var clock = new ManualClock();
        var health = new EndpointHealth(RoutingOptions.Default, clock);
        health.OnFailure(ErrorClass.RateLimited, TimeSpan.FromSeconds(7));
        Assert.Contains("rate limited", health.Gate(), StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromSeconds(7.1));
        Assert.Null(health.Gate());

        health.OnFailure(ErrorClass.ServerError);
        health.OnFailure(ErrorClass.ServerError);
        Assert.Null(health.Gate());
        health.OnFailure(ErrorClass.ServerError);
        Assert.True(health.BreakerOpen);

        // The trial after 30 s fails: open again, for 60 s this time.
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Null(health.Gate());
        health.OnFailure(ErrorClass.ServerError);
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.True(health.BreakerOpen);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(health.BreakerOpen);
        health.OnSuccess();
        health.OnFailure(ErrorClass.ServerError);
        Assert.Null(health.Gate());

        health.OnFailure(ErrorClass.Unauthorized);
        clock.Advance(TimeSpan.FromHours(5.9));
        Assert.Contains("API key was rejected", health.Gate(), StringComparison.Ordinal);
    }

    private static UsageRecord Row(string session, string endpoint, int step, long input, long cached, long output) => new()
    {
        SessionId = session,
        Provider = endpoint,
        Model = "m",
        Step = step,
        InputTokens = input,
        CachedInputTokens = cached,
        OutputTokens = output,
        CreatedAt = At.AddSeconds(step),
    };
}
