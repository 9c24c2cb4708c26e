namespace Chitin.Core.Agents;

/// <summary>One task for the agent: the user's words, into a new or an existing session.</summary>
public sealed record AgentRunRequest
{
    public required string Prompt { get; init; }

    /// <summary>Existing session to continue; null starts a new one.</summary>
    public string? SessionId { get; init; }

    public required string Model { get; init; }

    public string Agent { get; init; } = "default";

    public required string Workspace { get; init; }

    public AgentLimits Limits { get; init; } = new();

    /// <summary>Messages that may arrive while the run goes on; the loop shows them to the model at its next step.</summary>
    public Steering.ISteeringInbox? Steering { get; init; }

    /// <summary>Digests that replace the run's context at stage boundaries (the multi-agent runtime); null never rebuilds.</summary>
    public Context.IContextRebuild? ContextRebuild { get; init; }

    /// <summary>Progress made outside the run's tool results (a multi-agent ledger); the loop guard counts it.</summary>
    public Guards.IRunProgress? Progress { get; init; }

    /// <summary>
    /// The session's transcript kept in memory by a long-lived caller (the gateway's session grain) between runs; the
    /// run starts from it instead of reloading the session from the store, and leaves it current.
    /// </summary>
    public Sessions.SessionTranscriptCache? Transcript { get; init; }

    /// <summary>
    /// Emits <see cref="Events.RunCompleted"/> as soon as the answer is final, before the turn's bookkeeping (closing
    /// the workspace checkpoint, saving the session status) and the stop hooks run instead of after (the stream still
    /// ends only when they are done), so a front end can deliver the answer without waiting for them.
    /// </summary>
    public bool CompleteBeforeStopHooks { get; init; }
}
