namespace Chitin.Providers.Routing.Telemetry;

/// <summary>
/// The last <see cref="Capacity"/> calls of one endpoint and the <see cref="EndpointStats"/> computed from them.
/// Stats are recomputed once per recorded call, not per read, so routing reads them for free. Thread-safe.
/// </summary>
public sealed class EndpointTelemetry
{
    public const int Capacity = 256;

    private readonly CallOutcome[] _ring = new CallOutcome[Capacity];
    private readonly Lock _gate = new();
    private int _count;
    private int _next;
    private EndpointStats _stats = EndpointStats.Empty;

    private readonly HashSet<int> _openings = [];

    public EndpointStats Stats => Volatile.Read(ref _stats);

    /// <summary>Notes that a prompt opening (a hash of its first message) was sent here; true when it was never sent before.</summary>
    public bool FirstTimeSent(int opening)
    {
        lock (_gate)
        {
            if (_openings.Count > 4096)
            {
                _openings.Clear();
            }

            return _openings.Add(opening);
        }
    }

    public void Record(CallOutcome outcome)
    {
        lock (_gate)
        {
            _ring[_next] = outcome;
            _next = (_next + 1) % Capacity;
            _count = Math.Min(_count + 1, Capacity);
            Volatile.Write(ref _stats, Compute(_ring.AsSpan(0, _count)));
        }
    }

    private static EndpointStats Compute(ReadOnlySpan<CallOutcome> calls)
    {
        var failures = new SortedDictionary<ErrorClass, int>();
        var ttft = new List<double>(calls.Length);
        var decode = new List<double>(calls.Length);
        var ratios = new List<double>(calls.Length);
        int fresh = 0, phantom = 0;
        long cached = 0, repeated = 0, written = 0, uncached = 0;
        int successes = 0, cacheSamples = 0;
        foreach (CallOutcome call in calls)
        {
            if (!call.Succeeded)
            {
                failures[call.Error] = failures.TryGetValue(call.Error, out int n) ? n + 1 : 1;
                continue;
            }

            successes++;
            if (call.TimeToFirstTokenMs is { } first)
            {
                ttft.Add(first);
                double decodeSeconds = (call.LatencyMs - first) / 1000.0;
                if (call.OutputTokens > 1 && decodeSeconds > 0)
                {
                    decode.Add(call.OutputTokens / decodeSeconds);
                }
            }

            if (call.RepeatedPrefixTokens > 0)
            {
                repeated += call.RepeatedPrefixTokens;
                cacheSamples++;
                cached += Math.Min(call.CachedInputTokens, call.RepeatedPrefixTokens);
            }

            if (call.EstimatedInputTokens > 0 && call.InputTokens > 0)
            {
                ratios.Add((double)call.InputTokens / call.EstimatedInputTokens);
            }

            if (call.FreshPrefix)
            {
                fresh++;
                phantom += call.CachedInputTokens > 0 ? 1 : 0;
            }

            written += call.CacheWriteTokens;
            uncached += Math.Max(0, call.InputTokens - call.CachedInputTokens);
        }

        ttft.Sort();
        decode.Sort();
        ratios.Sort();
        return new EndpointStats
        {
            Calls = calls.Length,
            Successes = successes,
            Failures = failures,
            TimeToFirstTokenP50Ms = Percentile(ttft, 0.5),
            TimeToFirstTokenP90Ms = Percentile(ttft, 0.9),
            DecodeTokensPerSecond = Percentile(decode, 0.5),
            CacheHitRate = repeated == 0 ? null : (double)cached / repeated,
            CacheSamples = cacheSamples,
            CacheWriteShare = uncached == 0 ? null : Math.Min(1.0, (double)written / uncached),
            PromptTokenRatio = Percentile(ratios, 0.5),
            PromptTokenSamples = ratios.Count,
            FreshPrefixCalls = fresh,
            PhantomCacheCalls = phantom,
        };
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double? Percentile(List<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        int rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
