namespace Chitin.Testing.Faults;

/// <summary>One injected fault, applied to the next chat request (see <see cref="FaultQueue"/>).</summary>
public sealed class Fault
{
    private Fault()
    {
    }

    public FaultKind Kind { get; private init; }

    /// <summary>The Retry-After value of <see cref="FaultKind.RateLimited"/>.</summary>
    public int RetryAfterSeconds { get; private init; }

    /// <summary>The HTTP status of <see cref="FaultKind.ServerError"/> (429 for <see cref="FaultKind.RateLimited"/>).</summary>
    public int Status { get; private init; }

    /// <summary>How many server-sent events <see cref="FaultKind.CutStreamAfter"/> lets through before aborting.</summary>
    public int Chunks { get; private init; }

    /// <summary>The pause of <see cref="FaultKind.SlowFirstToken"/>.</summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>Answer 429 with <c>Retry-After: <paramref name="retryAfterSeconds"/></c> and the format's rate-limit error body.</summary>
    public static Fault RateLimited(int retryAfterSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retryAfterSeconds);
        return new Fault { Kind = FaultKind.RateLimited, RetryAfterSeconds = retryAfterSeconds, Status = 429 };
    }

    /// <summary>Answer <paramref name="status"/> (500 by default) with the format's error body.</summary>
    public static Fault ServerError(int status = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        return new Fault { Kind = FaultKind.ServerError, Status = status };
    }

    /// <summary>
    /// Send <paramref name="chunks"/> server-sent events (fewer if the answer has fewer, never the terminal one), then
    /// close the connection mid-body: the client reads those events and then finds the response ended prematurely.
    /// A non-streaming answer is cut halfway through its body; 0 drops the connection before any response.
    /// The script step is not consumed, so a retry receives the same answer.
    /// </summary>
    public static Fault CutStreamAfter(int chunks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chunks);
        return new Fault { Kind = FaultKind.CutStreamAfter, Chunks = chunks };
    }

    /// <summary>Wait <paramref name="delay"/> before the first byte of the body, then answer normally.</summary>
    public static Fault SlowFirstToken(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new Fault { Kind = FaultKind.SlowFirstToken, Delay = delay };
    }

    /// <summary>Answer normally, but with tool-call arguments that are truncated, invalid JSON.</summary>
    public static Fault MalformedToolCallJson() => new() { Kind = FaultKind.MalformedToolCallJson };

    public override string ToString() => Kind switch
    {
        FaultKind.RateLimited => $"RateLimited(retryAfter: {RetryAfterSeconds}s)",
        FaultKind.ServerError => $"ServerError({Status})",
        FaultKind.CutStreamAfter => $"CutStreamAfter({Chunks})",
        FaultKind.SlowFirstToken => $"SlowFirstToken({Delay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms)",
        _ => Kind.ToString(),
    };
}
