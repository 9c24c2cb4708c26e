namespace Chitin.Providers.Routing.Telemetry;

/// <summary>What the recent calls of one endpoint measured. Null figures were not measured yet.</summary>
public sealed record EndpointStats
{
    public static EndpointStats Empty { get; } = new();

    public int Calls { get; init; }

    public int Successes { get; init; }

    /// <summary>Failures by class, in <see cref="ErrorClass"/> order; only classes that occurred.</summary>
    public IReadOnlyDictionary<ErrorClass, int> Failures { get; init; } = new Dictionary<ErrorClass, int>();

    public double? TimeToFirstTokenP50Ms { get; init; }

    public double? TimeToFirstTokenP90Ms { get; init; }

    /// <summary>Output tokens per second after the first token (median over calls).</summary>
    public double? DecodeTokensPerSecond { get; init; }

    /// <summary>Cached tokens over repeated-prefix tokens, 0..1: how much of what could have been a hit was one.</summary>
    public double? CacheHitRate { get; init; }

    /// <summary>How many successful calls had a repeated prefix, i.e. how much <see cref="CacheHitRate"/> rests on.</summary>
    public int CacheSamples { get; init; }

    /// <summary>Tokens written to the cache over uncached prompt tokens, 0..1 (Anthropic-style explicit writes).</summary>
    public double? CacheWriteShare { get; init; }

    /// <summary>Median of reported prompt tokens over Chitin's own count, per call; null before any call with a count.</summary>
    public double? PromptTokenRatio { get; init; }

    /// <summary>How many calls <see cref="PromptTokenRatio"/> rests on.</summary>
    public int PromptTokenSamples { get; init; }

    /// <summary>Calls whose opening was never sent here before.</summary>
    public int FreshPrefixCalls { get; init; }

    /// <summary>Of <see cref="FreshPrefixCalls"/>, those that still reported cached tokens: a cache hit that cannot have happened.</summary>
    public int PhantomCacheCalls { get; init; }

    /// <summary>Successes over calls that reached a verdict about the endpoint (bad requests excluded); 1 when unmeasured.</summary>
    public double SuccessRate
    {
        get
        {
            int judged = Calls - (Failures.TryGetValue(ErrorClass.BadRequest, out int bad) ? bad : 0);
            return judged == 0 ? 1.0 : (double)Successes / judged;
        }
    }
}
