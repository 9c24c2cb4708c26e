namespace Chitin.Core.Metering;

/// <summary>Turns a model response's reported usage into the row every model call writes, priced with a <see cref="PriceTable"/>.</summary>
public static class UsageRecords
{
    /// <param name="fallbackModel">The model asked for, used when the response does not name one.</param>
    public static UsageRecord From(ChatResponse response, UsageCall call, PriceTable prices)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(prices);
        var details = response.Usage;
        var model = response.ModelId ?? call.FallbackModel;
        var input = details?.InputTokenCount ?? 0;
        var cached = details?.CachedInputTokenCount ?? 0;
        var cacheWrite = details?.AdditionalCounts is { } extra && extra.TryGetValue(UsageKeys.CacheWriteInputTokens, out var written) ? written : 0;
        var output = details?.OutputTokenCount ?? 0;
        return new UsageRecord
        {
            SessionId = call.SessionId,
            Agent = call.Agent,
            Provider = call.Provider,
            Model = model,
            Step = call.Step,
            InputTokens = input,
            CachedInputTokens = cached,
            CacheWriteTokens = cacheWrite,
            OutputTokens = output,
            ReasoningTokens = details?.ReasoningTokenCount ?? 0,
            TimeToFirstTokenMs = call.TimeToFirstTokenMs,
            LatencyMs = call.LatencyMs,
            CostUsd = prices.Cost(model, input, cached, cacheWrite, output),
            CreatedAt = call.At,
        };
    }
}
