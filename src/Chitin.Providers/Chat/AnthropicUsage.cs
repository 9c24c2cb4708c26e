namespace Chitin.Providers.Chat;

/// <summary>
/// Anthropic usage as the wire reports it (input_tokens excludes cache reads and writes), merged across the
/// message_start and message_delta events, and converted to what the loop meters: input = the whole prompt.
/// </summary>
internal sealed class AnthropicUsage
{
    private long? _input;
    private long? _output;
    private long? _cacheRead;
    private long? _cacheWrite;
    private long? _thinking;

    public bool HasData => _input is not null || _output is not null;

    /// <summary>Later events repeat cumulative counts; a field a later event omits keeps its earlier value.</summary>
    public void Merge(JsonElement usage)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        _input = Read(usage, "input_tokens") ?? _input;
        _output = Read(usage, "output_tokens") ?? _output;
        _cacheRead = Read(usage, "cache_read_input_tokens") ?? _cacheRead;
        _cacheWrite = Read(usage, "cache_creation_input_tokens") ?? _cacheWrite;
        if (usage.TryGetProperty("output_tokens_details", out JsonElement details) && details.ValueKind == JsonValueKind.Object)
        {
            _thinking = Read(details, "thinking_tokens") ?? _thinking;
        }
    }

    /// <param name="additional">Counts the adapter reported that should survive (server tool use).</param>
    public UsageDetails ToUsageDetails(AdditionalPropertiesDictionary<long>? additional)
    {
        long? prompt = _input is null && _cacheRead is null && _cacheWrite is null
            ? null
            : (_input ?? 0) + (_cacheRead ?? 0) + (_cacheWrite ?? 0);
        var details = new UsageDetails
        {
            InputTokenCount = prompt,
            CachedInputTokenCount = _cacheRead,
            OutputTokenCount = _output,
            ReasoningTokenCount = _thinking,
            TotalTokenCount = prompt is null && _output is null ? null : (prompt ?? 0) + (_output ?? 0),
        };

        AdditionalPropertiesDictionary<long>? counts = null;
        if (additional is not null)
        {
            foreach (KeyValuePair<string, long> pair in additional)
            {
                if (pair.Key != AnthropicCacheCreationKey)
                {
                    (counts ??= [])[pair.Key] = pair.Value;
                }
            }
        }

        if (_cacheWrite is { } written)
        {
            (counts ??= [])[UsageKeys.CacheWriteInputTokens] = written;
        }

        details.AdditionalCounts = counts;
        return details;
    }

    /// <summary>The key the Anthropic adapter uses for cache writes; renamed to <see cref="UsageKeys.CacheWriteInputTokens"/>.</summary>
    internal const string AnthropicCacheCreationKey = "CacheCreationInputTokens";

    private static long? Read(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number)
            ? number
            : null;
}
