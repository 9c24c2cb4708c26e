using Chitin.Core.Metering;

namespace Chitin.Core.Tests.Metering;

public sealed class PriceTableTests
{
    [Fact]
    public void The_longest_matching_key_wins_and_exact_keys_match_exactly()
    {
        var table = new PriceTable(new Dictionary<string, ModelPrice>
        {
            ["gpt-5*"] = new(1m, 0.1m, 0m, 10m),
            ["gpt-5-mini*"] = new(0.25m, 0.025m, 0m, 2m),
            ["exact"] = new(7m, 7m, 7m, 7m),
        });

        Assert.Equal(0.25m, table.Find("gpt-5-mini-2026-08")!.Input);
        Assert.Equal(1m, table.Find("gpt-5")!.Input);
        Assert.Equal(7m, table.Find("EXACT")!.Input);
        Assert.Null(table.Find("exact-plus"));
        Assert.Null(table.Find("llama3"));
    }

    [Fact]
    public void Cost_charges_cached_and_cache_write_tokens_at_their_own_rates()
    {
        var table = new PriceTable(new Dictionary<string, ModelPrice> { ["m"] = new(2m, 0.5m, 4m, 10m) });

        // 1,000,000 prompt tokens of which 600k cached and 100k written: 300k uncached.
        var cost = table.Cost("m", input: 1_000_000, cached: 600_000, cacheWrite: 100_000, output: 50_000);

        Assert.Equal((0.3m * 2m) + (0.6m * 0.5m) + (0.1m * 4m) + (0.05m * 10m), cost);
        Assert.Equal(0m, table.Cost("unknown", 1000, 0, 0, 1000));
    }

    [Fact]
    public void Overrides_replace_defaults_for_the_same_key_and_keep_the_rest()
    {
        var table = PriceTable.Defaults.With([new("gpt-4o*", new ModelPrice(9m, 9m, 9m, 9m))]);
        Assert.Equal(9m, table.Find("gpt-4o-2024")!.Input);
        Assert.Equal(0.15m, table.Find("gpt-4o-mini")!.Input);
        Assert.NotNull(table.Find("claude-sonnet-4-5"));
    }
}
