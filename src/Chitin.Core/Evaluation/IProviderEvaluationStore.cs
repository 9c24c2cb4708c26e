namespace Chitin.Core.Evaluation;

/// <summary>Durable evidence about providers: raw probe samples, the latest verdict per endpoint, session pins.</summary>
public interface IProviderEvaluationStore
{
    Task RecordSamplesAsync(IReadOnlyList<ProbeSample> samples, CancellationToken cancellationToken);

    Task<IReadOnlyList<ProbeSample>> LoadSamplesAsync(string runId, CancellationToken cancellationToken);

    /// <summary>What probes have cost since <paramref name="since"/> (the probe budget's spend).</summary>
    Task<decimal> ProbeSpendAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Replaces the endpoint's verdict.</summary>
    Task SaveVerdictAsync(EndpointVerdict verdict, CancellationToken cancellationToken);

    Task<IReadOnlyList<EndpointVerdict>> LoadVerdictsAsync(CancellationToken cancellationToken);

    Task PinAsync(string sessionId, string endpoint, CancellationToken cancellationToken);

    /// <summary>True when the session had a pin.</summary>
    Task<bool> UnpinAsync(string sessionId, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, string>> LoadPinsAsync(CancellationToken cancellationToken);

    /// <summary>The most recent metering rows (oldest first), at most <paramref name="limit"/>: what telemetry is seeded from.</summary>
    Task<IReadOnlyList<UsageRecord>> LoadRecentUsageAsync(int limit, CancellationToken cancellationToken);
}
