namespace Chitin.Core.Metering;

/// <summary>
/// One model call. <see cref="InputTokens"/> counts the whole prompt, cached and cache-write tokens included
/// (OpenAI's convention; the Anthropic provider normalises to it).
/// </summary>
public sealed record UsageRecord
{
    public required string SessionId { get; init; }

    public string Agent { get; init; } = "default";

    public string Provider { get; init; } = "";

    public required string Model { get; init; }

    public int Step { get; init; }

    public long InputTokens { get; init; }

    public long CachedInputTokens { get; init; }

    public long CacheWriteTokens { get; init; }

    public long OutputTokens { get; init; }

    public long ReasoningTokens { get; init; }

    public double? TimeToFirstTokenMs { get; init; }

    public double LatencyMs { get; init; }

    public decimal CostUsd { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
