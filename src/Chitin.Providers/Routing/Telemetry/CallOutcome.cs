namespace Chitin.Providers.Routing.Telemetry;

/// <summary>One call to one endpoint, as telemetry keeps it.</summary>
/// <param name="RepeatedPrefixTokens">
/// Prompt tokens the endpoint had already seen for this session (the previous prompt and answer): what a perfect
/// prefix cache would have served. The measured hit rate is cached tokens over these.
/// </param>
/// <param name="EstimatedInputTokens">Chitin's own count of the prompt (0 when unknown), what reported prompt tokens are compared with.</param>
/// <param name="FreshPrefix">True when the prompt's opening was never sent to this endpoint before: nothing of it can be cached there.</param>
public readonly record struct CallOutcome(
    DateTimeOffset At,
    ErrorClass Error,
    double? TimeToFirstTokenMs,
    double LatencyMs,
    long InputTokens,
    long CachedInputTokens,
    long CacheWriteTokens,
    long OutputTokens,
    long RepeatedPrefixTokens,
    long EstimatedInputTokens = 0,
    bool FreshPrefix = false)
{
    public bool Succeeded => Error == ErrorClass.None;

    public static CallOutcome Failure(DateTimeOffset at, ErrorClass error) => new(at, error, null, 0, 0, 0, 0, 0, 0);
}
