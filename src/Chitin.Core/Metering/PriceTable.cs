namespace Chitin.Core.Metering;

/// <summary>
/// Prices by model id. Keys match exactly, or as a prefix when they end with '*'; the longest key wins.
/// Unknown models cost 0 and are reported as unpriced.
/// </summary>
public sealed class PriceTable
{
    private readonly KeyValuePair<string, ModelPrice>[] _entries;

    public PriceTable(IEnumerable<KeyValuePair<string, ModelPrice>> entries)
    {
        _entries = entries.OrderByDescending(e => e.Key.Length).ToArray();
    }

    /// <summary>List prices of common models (late 2026). Override or extend in config under "prices".</summary>
    public static PriceTable Defaults { get; } = new(new Dictionary<string, ModelPrice>
    {
        ["gpt-5*"] = new(1.25m, 0.125m, 0m, 10m),
        ["gpt-5-mini*"] = new(0.25m, 0.025m, 0m, 2m),
        ["gpt-5-nano*"] = new(0.05m, 0.005m, 0m, 0.4m),
        ["gpt-4.1*"] = new(2m, 0.5m, 0m, 8m),
        ["gpt-4.1-mini*"] = new(0.4m, 0.1m, 0m, 1.6m),
        ["gpt-4o*"] = new(2.5m, 1.25m, 0m, 10m),
        ["gpt-4o-mini*"] = new(0.15m, 0.075m, 0m, 0.6m),
        ["claude-opus-4*"] = new(15m, 1.5m, 18.75m, 75m),
        ["claude-sonnet-4*"] = new(3m, 0.3m, 3.75m, 15m),
        ["claude-haiku-4*"] = new(1m, 0.1m, 1.25m, 5m),
        ["deepseek-chat*"] = new(0.27m, 0.07m, 0m, 1.1m),
        ["deepseek-reasoner*"] = new(0.55m, 0.14m, 0m, 2.19m),
        ["qwen*"] = new(0.4m, 0.08m, 0m, 1.2m),
        ["kimi*"] = new(0.6m, 0.15m, 0m, 2.5m),
        ["glm*"] = new(0.6m, 0.11m, 0m, 2.2m),
        ["scripted*"] = new(1m, 0.1m, 1.25m, 4m),
    });

    public PriceTable With(IEnumerable<KeyValuePair<string, ModelPrice>> overrides)
    {
        var merged = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in _entries)
        {
            merged[e.Key] = e.Value;
        }

        foreach (var e in overrides)
        {
            merged[e.Key] = e.Value;
        }

        return new PriceTable(merged);
    }

    public ModelPrice? Find(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var (key, price) in _entries)
        {
            var matches = key.EndsWith('*')
                ? model.StartsWith(key.AsSpan(0, key.Length - 1), StringComparison.OrdinalIgnoreCase)
                : string.Equals(model, key, StringComparison.OrdinalIgnoreCase);
            if (matches)
            {
                return price;
            }
        }

        return null;
    }

    /// <summary>Cost of one call; uncached input is what remains after cached and cache-write tokens.</summary>
    public decimal Cost(string model, long input, long cached, long cacheWrite, long output)
    {
        if (Find(model) is not { } p)
        {
            return 0m;
        }

        var uncached = Math.Max(0, input - cached - cacheWrite);
        return ((uncached * p.Input) + (cached * p.CachedInput) + (cacheWrite * p.CacheWrite) + (output * p.Output)) / 1_000_000m;
    }
}
