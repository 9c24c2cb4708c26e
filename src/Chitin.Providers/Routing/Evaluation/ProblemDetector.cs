namespace Chitin.Providers.Routing.Evaluation;

/// <summary>
/// Problems an endpoint shows, from its passive telemetry (compared with its <c>reference</c> endpoint's when one
/// exists) and from the verdict of its latest probes.
/// </summary>
public static class ProblemDetector
{
    /// <summary>Conformance below this excludes an endpoint from routing.</summary>
    public const double MinConformance = 0.9;

    /// <summary>Reported prompt tokens may exceed the reference's by this much (same model, same tokenizer).</summary>
    public const double ReferenceTolerance = 0.03;

    /// <summary>Passive calls differ from the reference's, so their per-call ratios get a wider margin than probes.</summary>
    public const double PassiveReferenceTolerance = 0.10;

    /// <summary>Without a reference, reported prompt tokens may exceed Chitin's own count (about 4 characters a token) by this factor: tokenizers differ.</summary>
    public const double OwnCountTolerance = 1.5;

    private const int MinSamples = 5;

    public static IReadOnlyList<EndpointProblem> Detect(EndpointSettings endpoint, EndpointStats stats, EndpointStats? reference, EndpointVerdict? verdict)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(stats);
        var problems = new List<EndpointProblem>();
        if (stats.PhantomCacheCalls >= 2 && stats.PhantomCacheCalls * 2 >= stats.FreshPrefixCalls)
        {
            problems.Add(new EndpointProblem(ProblemFlag.CacheLiar,
                Invariant($"{stats.PhantomCacheCalls} of {stats.FreshPrefixCalls} calls with a never-sent prefix reported cached tokens")));
        }

        if (stats.PromptTokenRatio is { } ratio && stats.PromptTokenSamples >= MinSamples)
        {
            if (reference is { PromptTokenRatio: { } referenceRatio, PromptTokenSamples: >= MinSamples })
            {
                if (ratio > referenceRatio * (1 + PassiveReferenceTolerance))
                {
                    problems.Add(new EndpointProblem(ProblemFlag.TokenInflater,
                        Invariant($"reports {ratio / referenceRatio - 1:P0} more prompt tokens per call than the reference {endpoint.Reference}")));
                }
            }
            else if (ratio > OwnCountTolerance)
            {
                problems.Add(new EndpointProblem(ProblemFlag.TokenInflater,
                    Invariant($"reports {ratio:0.00}x Chitin's own prompt count (tolerance {OwnCountTolerance:0.0}x)")));
            }
        }

        if (endpoint.Price.CachedInput < endpoint.Price.Input && stats.CacheSamples >= MinSamples && stats.CacheHitRate is < 0.05)
        {
            problems.Add(new EndpointProblem(ProblemFlag.NoCacheHits,
                Invariant($"declares a cached price but {stats.CacheHitRate:P0} of {stats.CacheSamples} repeated prefixes hit")));
        }

        if (verdict is not null)
        {
            foreach (var flag in verdict.Flags.Where(f => problems.All(p => p.Flag != f)))
            {
                problems.Add(new EndpointProblem(flag, $"probes {verdict.At:yyyy-MM-dd HH:mm}Z: {verdict.Detail}"));
            }

            if (Gate(verdict) is { } gate && problems.All(p => p.Flag != gate.Flag))
            {
                problems.Add(gate);
            }
        }

        return problems;
    }

    /// <summary>Why probes exclude the endpoint from routing (suspect, or conformance below 90%), or null.</summary>
    public static EndpointProblem? Gate(EndpointVerdict? verdict)
    {
        if (verdict is null)
        {
            return null;
        }

        if (verdict.Suspect)
        {
            string against = verdict.Against is null ? "" : " than " + verdict.Against;
            return new EndpointProblem(ProblemFlag.Suspect, Invariant($"suspect: answers distributed differently{against} (p = {verdict.PValue:0.####})"));
        }

        return verdict.ConformanceRate is { } rate && rate < MinConformance
            ? new EndpointProblem(ProblemFlag.NonConformant, Invariant($"conformance {rate:P0} is below {MinConformance:P0}"))
            : null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
