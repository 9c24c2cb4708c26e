namespace Chitin.Providers.Routing.Probes;

/// <summary>
/// Runs probes against endpoints directly (not through routing), keeps every raw sample in the store, bills the
/// probe budget, and turns what it found into each endpoint's verdict (stored, and set in <see cref="VerdictBook"/>
/// so routing's gates see it at once). When the probe budget is spent, probing stops with what it has.
/// </summary>
public sealed class ProbeRunner
{
    private readonly IReadOnlyList<ProbeTarget> _targets;
    private readonly IProviderEvaluationStore _store;
    private readonly VerdictBook _verdicts;
    private readonly ProbeBudget _budget;
    private readonly TimeProvider _time;
    private readonly ProbeOptions _options;

    public ProbeRunner(IReadOnlyList<ProbeTarget> targets, IProviderEvaluationStore store, VerdictBook verdicts, ProbeBudget budget, TimeProvider? time = null, ProbeOptions? options = null)
    {
        _targets = targets ?? throw new ArgumentNullException(nameof(targets));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _verdicts = verdicts ?? throw new ArgumentNullException(nameof(verdicts));
        _budget = budget ?? throw new ArgumentNullException(nameof(budget));
        _time = time ?? TimeProvider.System;
        _options = options ?? ProbeOptions.Default;
    }

    /// <summary>Probes <paramref name="endpoint"/> (all when null) with <paramref name="kind"/> (all when null). Equivalence needs a <c>reference</c>.</summary>
    /// <exception cref="ArgumentException">No endpoint has that name.</exception>
    public async Task<ProbeReport> ProbeAsync(string? endpoint, ProbeKind? kind, CancellationToken cancellationToken)
    {
        IReadOnlyList<ProbeTarget> chosen = endpoint is null ? _targets : [Find(endpoint)];
        IReadOnlyList<ProbeKind> kinds = kind is { } one ? [one] : ProbeKinds.All;
        var session = NewSession();
        var checks = new ProbeChecks(session, _options);
        var results = new List<EndpointProbeResult>();
        string? stopped = null;
        foreach (ProbeTarget target in chosen)
        {
            var result = new EndpointProbeResult { Endpoint = target.Name };
            results.Add(result);
            ProbeTarget? reference = ReferenceOf(target, result);
            try
            {
                foreach (ProbeKind probe in kinds)
                {
                    await RunAsync(checks, probe, target, reference, result, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (ProbeBudgetSpentException ex)
            {
                stopped = ex.Message;
            }

            await SaveAsync(session, target.Name, result, kinds, reference?.Name, cancellationToken).ConfigureAwait(false);
            if (stopped is not null)
            {
                break;
            }
        }

        return new ProbeReport(session.RunId, results, _budget.SpentUsd, _budget.DailyUsd, stopped);
    }

    /// <summary>Conformance judged by agreement with <paramref name="against"/>, and equivalence against it.</summary>
    /// <exception cref="ArgumentException">Either endpoint is unknown, or they are the same.</exception>
    public async Task<(EndpointProbeResult Result, string? Stopped)> VerifyAsync(string endpoint, string against, CancellationToken cancellationToken)
    {
        ProbeTarget target = Find(endpoint);
        ProbeTarget reference = Find(against);
        if (ReferenceEquals(target, reference))
        {
            throw new ArgumentException($"verify compares two endpoints; '{endpoint}' was given twice");
        }

        var session = NewSession();
        var checks = new ProbeChecks(session, _options);
        var result = new EndpointProbeResult { Endpoint = target.Name };
        string? stopped = null;
        try
        {
            await checks.ConformanceAsync(target, reference, result, cancellationToken).ConfigureAwait(false);
            await checks.EquivalenceAsync(target, reference, result, cancellationToken).ConfigureAwait(false);
        }
        catch (ProbeBudgetSpentException ex)
        {
            stopped = ex.Message;
        }

        await SaveAsync(session, target.Name, result, [ProbeKind.Conformance, ProbeKind.Equivalence], reference.Name, cancellationToken).ConfigureAwait(false);
        return (result, stopped);
    }

    private static Task RunAsync(ProbeChecks checks, ProbeKind kind, ProbeTarget target, ProbeTarget? reference, EndpointProbeResult result, CancellationToken ct)
    {
        switch (kind)
        {
            case ProbeKind.Latency:
                return checks.LatencyAsync(target, result, ct);
            case ProbeKind.Cache:
                return checks.CacheAsync(target, reference, result, ct);
            case ProbeKind.Conformance:
                return checks.ConformanceAsync(target, reference, result, ct);
            default:
                if (reference is null)
                {
                    result.Notes.Add("equivalence: skipped, the endpoint names no reference (or verify it with --against)");
                    return Task.CompletedTask;
                }

                return checks.EquivalenceAsync(target, reference, result, ct);
        }
    }

    private ProbeTarget? ReferenceOf(ProbeTarget target, EndpointProbeResult result)
    {
        if (target.Settings.Reference is not { } name)
        {
            return null;
        }

        ProbeTarget? reference = _targets.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
        if (reference is null)
        {
            result.Notes.Add($"reference '{name}' is not a configured endpoint; judged without one");
        }

        return ReferenceEquals(reference, target) ? null : reference;
    }

    /// <summary>Keeps the samples and merges what ran into the endpoint's verdict: kinds that did not run keep their figures.</summary>
    private async Task SaveAsync(ProbeSession session, string endpoint, EndpointProbeResult result, IReadOnlyList<ProbeKind> kinds, string? against, CancellationToken ct)
    {
        if (session.Samples.Count > 0)
        {
            await _store.RecordSamplesAsync([.. session.Samples], ct).ConfigureAwait(false);
            session.Samples.Clear();
        }

        EndpointVerdict old = _verdicts.Find(endpoint) ?? new EndpointVerdict { Endpoint = endpoint, At = _time.GetUtcNow() };
        var flags = new HashSet<ProblemFlag>(old.Flags);
        if (kinds.Contains(ProbeKind.Cache) && result.CacheFirstCachedTokens is not null)
        {
            flags.Remove(ProblemFlag.CacheLiar);
            flags.Remove(ProblemFlag.NoCacheHits);
        }

        if ((kinds.Contains(ProbeKind.Conformance) && result.ConformanceRate is not null) || (kinds.Contains(ProbeKind.Cache) && result.CacheFirstCachedTokens is not null))
        {
            flags.Remove(ProblemFlag.TokenInflater);
        }

        flags.Remove(ProblemFlag.Suspect);
        flags.UnionWith(result.Flags.Where(f => f != ProblemFlag.Suspect));
        bool suspect = result.Suspect ?? old.Suspect;
        var verdict = old with
        {
            At = _time.GetUtcNow(),
            ConformanceRate = result.ConformanceRate ?? old.ConformanceRate,
            Suspect = suspect,
            PValue = result.PValue ?? old.PValue,
            Against = result.PValue is null ? old.Against : against,
            Flags = [.. flags.OrderBy(StoredNames.Name, StringComparer.Ordinal)],
            Detail = Describe(result, suspect),
        };
        _verdicts.Set(verdict);
        await _store.SaveVerdictAsync(verdict, ct).ConfigureAwait(false);
    }

    private static string Describe(EndpointProbeResult result, bool suspect)
    {
        var parts = new List<string>();
        if (result.ConformanceRate is { } rate)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"conformance {rate:P0} of {result.ConformanceChecks}"));
        }

        if (result.PValue is { } p)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"equivalence p = {p:0.####}{(suspect ? " (suspect)" : "")}"));
        }

        parts.AddRange(result.Notes);
        return string.Join("; ", parts);
    }

    private ProbeTarget Find(string name) =>
        _targets.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"no endpoint '{name}'; configured: {string.Join(", ", _targets.Select(t => t.Name))}");

    private ProbeSession NewSession() =>
        new(new ProbeCaller(_budget, _time), "probe-" + _time.GetUtcNow().ToString("yyyyMMddTHHmmssfff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("n")[..6], _time);
}
