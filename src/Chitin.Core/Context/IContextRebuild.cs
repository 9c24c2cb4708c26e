namespace Chitin.Core.Context;

/// <summary>
/// Stage boundaries of a long task. A caller that keeps the task's state outside the transcript (the multi-agent
/// runtime: plan, ledger and result files) hands the loop a digest, and the loop rebuilds the run's context from it
/// before its next model call, instead of carrying its own growing transcript into the next stage.
/// </summary>
public interface IContextRebuild
{
    /// <summary>The digest waiting for this session's next model call, taken once; null when there is none.</summary>
    string? TakeDigest(string sessionId);
}
