namespace Chitin.Testing.Faults;

/// <summary>The kinds of trouble the scripted model server can inject.</summary>
public enum FaultKind
{
    /// <summary>429 with a Retry-After header; the script step is kept for the retry.</summary>
    RateLimited,

    /// <summary>An HTTP 5xx (or any error status); the script step is kept for the retry.</summary>
    ServerError,

    /// <summary>A stream aborted after some events; the script step is kept so a retry gets the same answer.</summary>
    CutStreamAfter,

    /// <summary>A pause before the first byte of the body, then a normal answer.</summary>
    SlowFirstToken,

    /// <summary>A normal answer whose tool-call arguments are broken JSON.</summary>
    MalformedToolCallJson,
}
