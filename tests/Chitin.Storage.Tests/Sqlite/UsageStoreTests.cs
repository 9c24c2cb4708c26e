using Chitin.Core.Metering;
using Chitin.Storage.Sqlite;

namespace Chitin.Storage.Tests.Sqlite;

public sealed class UsageStoreTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day2 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Usage_round_trips_every_field_in_recording_order()
    {
        using var temp = new TempDatabase();
        await using var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);
        UsageRecord[] records =
        [
            new()
            {
                SessionId = "s", Agent = "coder", Provider = "openai", Model = "gpt-5-mini", Step = 3,
                InputTokens = 12_345, CachedInputTokens = 10_000, CacheWriteTokens = 17, OutputTokens = 321, ReasoningTokens = 64,
                TimeToFirstTokenMs = 123.456, LatencyMs = 987.654321, CostUsd = 0.000000123456789012345678m,
                CreatedAt = new DateTimeOffset(2026, 3, 1, 23, 59, 59, TimeSpan.FromHours(3)).AddTicks(1_234_567),
            },
            new() { SessionId = "s", Model = "scripted", TimeToFirstTokenMs = null, CostUsd = -1.5m, CreatedAt = Day1 },
            new() { SessionId = "s", Model = "big", InputTokens = long.MaxValue / 2, CostUsd = 79_228_162_514_264.337593543950335m, CreatedAt = Day1 },
        ];
        foreach (var record in records)
        {
            await store.RecordUsageAsync(record, CancellationToken.None);
        }

        await store.RecordUsageAsync(records[1] with { SessionId = "other" }, CancellationToken.None);

        var loaded = await store.LoadUsageAsync("s", CancellationToken.None);

        Assert.Equal(records, loaded);
        Assert.Equal(records[0].CreatedAt.UtcTicks, loaded[0].CreatedAt.UtcTicks);
        Assert.Equal("0.000000123456789012345678", loaded[0].CostUsd.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(await store.LoadUsageAsync("nobody", CancellationToken.None));
    }

    [Fact]
    public async Task Summary_by_day_uses_utc_days_in_ascending_order_with_exact_costs()
    {
        using var temp = new TempDatabase();
        await using var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);
        await RecordSampleAsync(store);

        var days = await store.SummarizeAsync(UsageGrouping.Day, null, CancellationToken.None);

        Assert.Equal(["2026-03-01", "2026-03-02", "2026-03-03"], days.Select(d => d.Key));
        var first = days[0];
        Assert.Equal(3, first.Calls);
        Assert.Equal(3_000, first.InputTokens);
        Assert.Equal(1_600, first.CachedInputTokens);
        Assert.Equal(50, first.CacheWriteTokens);
        Assert.Equal(300, first.OutputTokens);
        Assert.Equal(30, first.ReasoningTokens);
        Assert.Equal(0.5m, first.CostUsd); // 0.1 + 0.2 + 0.2: exact, where doubles would give 0.5000000000000001
        Assert.Equal(1_600d / 3_000d, first.CacheHitRate, 12);

        // 21:30 at UTC-05:00 on March 2nd is March 3rd in UTC.
        Assert.Equal(1, days[2].Calls);
        Assert.Equal(0.000000000000000001m, days[2].CostUsd);
    }

    [Fact]
    public async Task Summary_by_model_orders_by_cost_descending_then_key()
    {
        using var temp = new TempDatabase();
        await using var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);
        await RecordSampleAsync(store);

        var models = await store.SummarizeAsync(UsageGrouping.Model, null, CancellationToken.None);

        Assert.Equal(["gpt-5", "claude-sonnet-4", "deepseek-chat", "qwen3"], models.Select(m => m.Key));
        Assert.Equal([0.7m, 0.2m, 0.2m, 0.000000000000000001m], models.Select(m => m.CostUsd));
        var gpt = models[0];
        Assert.Equal(2, gpt.Calls);
        Assert.Equal(2_000, gpt.InputTokens);
        Assert.Equal(800, gpt.CachedInputTokens);
        Assert.Equal(0.4, gpt.CacheHitRate, 12);
        Assert.Equal(0, models[3].CacheHitRate);
    }

    [Fact]
    public async Task Summary_by_session_and_by_agent_group_their_keys()
    {
        using var temp = new TempDatabase();
        await using var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);
        await RecordSampleAsync(store);

        var sessions = await store.SummarizeAsync(UsageGrouping.Session, null, CancellationToken.None);
        var agents = await store.SummarizeAsync(UsageGrouping.Agent, null, CancellationToken.None);

        Assert.Equal([("s-b", 0.600000000000000001m, 2L), ("s-a", 0.5m, 3L)], sessions.Select(s => (s.Key, s.CostUsd, s.Calls)));
        Assert.Equal([("reviewer", 0.600000000000000001m, 2L), ("coder", 0.5m, 3L)], agents.Select(a => (a.Key, a.CostUsd, a.Calls)));
        Assert.Equal(sessions.Sum(s => s.CostUsd), agents.Sum(a => a.CostUsd));
    }

    [Fact]
    public async Task Since_keeps_rows_at_or_after_the_instant_in_any_offset()
    {
        using var temp = new TempDatabase();
        await using var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);
        await RecordSampleAsync(store);

        // Midnight UTC of March 2nd, expressed in UTC+01:00. A row stamped exactly at the boundary is included,
        // one a tick earlier is not.
        var since = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.FromHours(1));
        await store.RecordUsageAsync(new UsageRecord { SessionId = "edge", Model = "edge", CostUsd = 5m, CreatedAt = since.ToUniversalTime() }, CancellationToken.None);
        await store.RecordUsageAsync(new UsageRecord { SessionId = "edge", Model = "edge", CostUsd = 7m, CreatedAt = since.AddTicks(-1) }, CancellationToken.None);

        var days = await store.SummarizeAsync(UsageGrouping.Day, since, CancellationToken.None);
        var models = await store.SummarizeAsync(UsageGrouping.Model, since, CancellationToken.None);

        Assert.Equal(["2026-03-02", "2026-03-03"], days.Select(d => d.Key));
        Assert.Equal(5.6m, days[0].CostUsd);
        Assert.Equal(5m, models.Single(m => m.Key == "edge").CostUsd);
        Assert.DoesNotContain(models, m => m.Key == "claude-sonnet-4");
        Assert.Empty(await store.SummarizeAsync(UsageGrouping.Agent, Day2.AddYears(1), CancellationToken.None));
    }

    [Fact]
    public async Task Summaries_of_an_empty_store_are_empty()
    {
        using var temp = new TempDatabase();
        await using var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);

        foreach (var grouping in Enum.GetValues<UsageGrouping>())
        {
            Assert.Empty(await store.SummarizeAsync(grouping, null, CancellationToken.None));
        }
    }

    /// <summary>
    /// Five calls. UTC day 1, session s-a, agent coder: gpt-5 0.1, claude-sonnet-4 0.2, deepseek-chat 0.2.
    /// Session s-b, agent reviewer: gpt-5 0.6 on day 2, and qwen3 1e-18 at 21:30 UTC-05:00 on day 2, i.e. UTC day 3.
    /// </summary>
    private static async Task RecordSampleAsync(SqliteChitinStore store)
    {
        UsageRecord[] records =
        [
            new() { SessionId = "s-a", Agent = "coder", Model = "gpt-5", InputTokens = 1_000, CachedInputTokens = 800, CacheWriteTokens = 0, OutputTokens = 100, ReasoningTokens = 10, CostUsd = 0.1m, CreatedAt = Day1 },
            new() { SessionId = "s-a", Agent = "coder", Model = "claude-sonnet-4", InputTokens = 1_000, CachedInputTokens = 800, CacheWriteTokens = 50, OutputTokens = 100, ReasoningTokens = 10, CostUsd = 0.2m, CreatedAt = Day1.AddHours(1) },
            new() { SessionId = "s-a", Agent = "coder", Model = "deepseek-chat", InputTokens = 1_000, CachedInputTokens = 0, OutputTokens = 100, ReasoningTokens = 10, CostUsd = 0.2m, CreatedAt = Day1.AddHours(14).AddTicks(9_999_999) },
            new() { SessionId = "s-b", Agent = "reviewer", Model = "gpt-5", InputTokens = 1_000, CachedInputTokens = 0, OutputTokens = 10, CostUsd = 0.6m, CreatedAt = Day2 },
            new() { SessionId = "s-b", Agent = "reviewer", Model = "qwen3", InputTokens = 0, OutputTokens = 1, CostUsd = 0.000000000000000001m, CreatedAt = new DateTimeOffset(2026, 3, 2, 21, 30, 0, TimeSpan.FromHours(-5)) },
        ];
        foreach (var record in records)
        {
            await store.RecordUsageAsync(record, CancellationToken.None);
        }
    }
}
