namespace Chitin.Providers.Routing.Probes;

/// <summary>One probe run's calls: makes them through <see cref="ProbeCaller"/> and keeps each as a raw <see cref="ProbeSample"/>.</summary>
internal sealed class ProbeSession(ProbeCaller caller, string runId, TimeProvider time)
{
    public string RunId => runId;

    public List<ProbeSample> Samples { get; } = [];

    public async Task<ProbeAnswer> CallAsync(ProbeTarget target, ProbeKind kind, string probeCase, string prompt, ChatOptions options, EndpointProbeResult result, CancellationToken cancellationToken, bool stream = true)
    {
        ProbeAnswer answer = await caller.CallAsync(target, prompt, options, cancellationToken, stream).ConfigureAwait(false);
        result.CostUsd += answer.CostUsd;
        Samples.Add(new ProbeSample
        {
            At = time.GetUtcNow(),
            RunId = runId,
            Endpoint = target.Name,
            Kind = ProbeKinds.Name(kind),
            Case = probeCase,
            Answer = answer.Error is null ? answer.Rendered : "",
            Detail = answer.Error ?? "",
            InputTokens = answer.InputTokens ?? 0,
            CachedInputTokens = answer.CachedInputTokens,
            OutputTokens = answer.OutputTokens ?? 0,
            TimeToFirstTokenMs = answer.TimeToFirstTokenMs,
            LatencyMs = answer.LatencyMs,
            CostUsd = answer.CostUsd,
        });
        return answer;
    }

    /// <summary>Sets the verdict of the last sample taken.</summary>
    public void Judge(bool passed, string? detail)
    {
        ProbeSample last = Samples[^1];
        Samples[^1] = last with { Passed = passed, Detail = detail ?? last.Detail };
    }
}
