namespace Chitin.Core.Agents;

public enum RunStatus
{
    /// <summary>The model finished with a final answer.</summary>
    Done,

    /// <summary>A limit (steps, tokens, wall clock) stopped the run first.</summary>
    LimitReached,

    /// <summary>The provider failed after retries and fallbacks.</summary>
    ProviderError,

    Failed,
    Cancelled,

    /// <summary>A model call would have crossed a hard budget cap, so it was not made. The session can be resumed.</summary>
    BudgetExceeded,

    /// <summary>The loop guard saw the run repeat itself (the same failing call, no progress) after nudging it. The session can be resumed.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("loop_detected")]
    LoopDetected,
}
