namespace Chitin.Testing.Personas;

/// <summary>
/// How a scripted server behaves as one provider of a model. Time is simulated: before the first token the server
/// calls <see cref="Advance"/> with the time the answer would have taken (a test passes its fake clock's advance),
/// so nothing sleeps. Randomness (failures, corruption) comes from <see cref="Seed"/>, so a run is reproducible.
/// </summary>
public sealed record ProviderPersona
{
    public required string Name { get; init; }

    /// <summary>Time to the first token with nothing to prefill.</summary>
    public TimeSpan FirstTokenDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Prefill time per 1,000 prompt tokens NOT served from the cache: a real cache hit lowers time to first token.</summary>
    public TimeSpan PrefillPerThousandTokens { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Decode speed. The clock advances once, before the answer is written (it cannot move mid-stream), so the decode
    /// time of output tokens over this counts into the measured time to first token.
    /// </summary>
    public double DecodeTokensPerSecond { get; init; } = 60;

    /// <summary>False: no prefix cache, every prompt reports 0 cached tokens.</summary>
    public bool PromptCaching { get; init; } = true;

    /// <summary>
    /// A cache liar: reports this share of every prompt as cached (never-seen prefixes too) while serving, and
    /// taking the time of, only what it really had cached. 0 is honest.
    /// </summary>
    public double PhantomCacheShare { get; init; }

    /// <summary>Reported prompt tokens are the true count times this (a token inflater bills more than it read). 1 is honest.</summary>
    public double PromptTokenFactor { get; init; } = 1.0;

    /// <summary>Share of requests answered with a 503 before any token.</summary>
    public double FailureRate { get; init; }

    /// <summary>
    /// Share of answers degraded, as a quantized copy of the model would: a text answer gets corrupted, a tool call
    /// loses an argument. 0 is the real model.
    /// </summary>
    public double CorruptionRate { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>Moves the test's fake clock; null means no time is simulated.</summary>
    public Action<TimeSpan>? Advance { get; init; }
}
