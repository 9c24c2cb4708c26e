namespace Chitin.Providers.Routing.Probes;

/// <summary>What one probe call returned; <see cref="Error"/> is set when the call failed.</summary>
public sealed record ProbeAnswer
{
    public string Text { get; init; } = "";

    public IReadOnlyList<FunctionCallContent> ToolCalls { get; init; } = [];

    /// <summary>Null when the provider reported no usage.</summary>
    public long? InputTokens { get; init; }

    public long CachedInputTokens { get; init; }

    public long? OutputTokens { get; init; }

    public double? TimeToFirstTokenMs { get; init; }

    public double LatencyMs { get; init; }

    /// <summary>Chitin's own count of the prompt.</summary>
    public long EstimatedInputTokens { get; init; }

    public decimal CostUsd { get; init; }

    public string? Error { get; init; }

    /// <summary>The answer as one line: text, or <c>name(arg=value, …)</c> per tool call.</summary>
    public string Rendered => ToolCalls.Count == 0
        ? Text.Trim()
        : string.Join("; ", ToolCalls.Select(c => $"{c.Name}({string.Join(", ", (c.Arguments ?? new Dictionary<string, object?>()).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"))})"));
}
