namespace Chitin.Core.Events;

/// <summary>
/// One thing that happened during a run. The CLI, the NDJSON stream, tests and the gateway all consume the
/// same sequence. Serialised with a "type" discriminator.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RunStarted), "run_started")]
[JsonDerivedType(typeof(TurnStarted), "turn_started")]
[JsonDerivedType(typeof(TextDelta), "text_delta")]
[JsonDerivedType(typeof(ResponseRetrying), "response_retrying")]
[JsonDerivedType(typeof(ToolRequested), "tool_requested")]
[JsonDerivedType(typeof(ToolFinished), "tool_finished")]
[JsonDerivedType(typeof(UsageReported), "usage")]
[JsonDerivedType(typeof(ErrorOccurred), "error")]
[JsonDerivedType(typeof(ContextCompacted), "context_compacted")]
[JsonDerivedType(typeof(AgentSpawned), "agent_spawned")]
[JsonDerivedType(typeof(AgentFinished), "agent_finished")]
[JsonDerivedType(typeof(BudgetCharged), "budget")]
[JsonDerivedType(typeof(RunCompleted), "done")]
public abstract record AgentEvent
{
    public required string SessionId { get; init; }

    public DateTimeOffset At { get; init; }
}
