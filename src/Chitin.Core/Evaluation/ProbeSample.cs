namespace Chitin.Core.Evaluation;

/// <summary>
/// One raw probe call, kept as evidence: which endpoint, which probe kind and case, what came back, whether the
/// check passed (null when the case is only sampled, e.g. for equivalence), and what it cost (billed to the probe budget).
/// </summary>
public sealed record ProbeSample
{
    public required DateTimeOffset At { get; init; }

    /// <summary>The batch of probes this sample was taken in.</summary>
    public required string RunId { get; init; }

    public required string Endpoint { get; init; }

    /// <summary>latency, cache, conformance or equivalence.</summary>
    public required string Kind { get; init; }

    /// <summary>The probe case (e.g. <c>json_mode</c>, <c>tool_call</c>).</summary>
    public required string Case { get; init; }

    public bool? Passed { get; init; }

    /// <summary>The answer as text (tool calls as <c>name(arguments)</c>); empty after a failure.</summary>
    public string Answer { get; init; } = "";

    /// <summary>What the check found, or the error.</summary>
    public string Detail { get; init; } = "";

    public long InputTokens { get; init; }

    public long CachedInputTokens { get; init; }

    public long OutputTokens { get; init; }

    public double? TimeToFirstTokenMs { get; init; }

    public double LatencyMs { get; init; }

    public decimal CostUsd { get; init; }
}
