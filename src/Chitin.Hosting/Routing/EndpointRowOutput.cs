namespace Chitin.Hosting.Routing;

/// <summary>
/// One endpoint in <c>chitin providers list --json</c>: what config declares, what the stored calls measured
/// (null when nothing was measured), the latest probe figures, and declared vs detected problems.
/// </summary>
public sealed record EndpointRowOutput(
    string Name,
    string Model,
    string Kind,
    string BaseUrl,
    string WireModel,
    decimal InputUsd,
    decimal CachedInputUsd,
    decimal CacheWriteUsd,
    decimal OutputUsd,
    string? Quantization,
    int? ContextTokens,
    string? Reference)
{
    public int Calls { get; init; }

    public double? SuccessRate { get; init; }

    /// <summary>Failed calls by error class (rate_limited, server_error, …).</summary>
    public IReadOnlyDictionary<string, int> Failures { get; init; } = new Dictionary<string, int>();

    public double? TimeToFirstTokenP50Ms { get; init; }

    public double? TimeToFirstTokenP90Ms { get; init; }

    public double? DecodeTokensPerSecond { get; init; }

    public double? CacheHitRate { get; init; }

    /// <summary>Median reported prompt tokens over Chitin's own count.</summary>
    public double? PromptTokenRatio { get; init; }

    public double? ConformanceRate { get; init; }

    public bool Suspect { get; init; }

    public double? EquivalencePValue { get; init; }

    /// <summary>What config declares that matters for trust: quantization, a cache discount.</summary>
    public IReadOnlyList<string> Declared { get; init; } = [];

    public IReadOnlyList<ProblemOutput> Detected { get; init; } = [];
}
