namespace Chitin.Core.Events;

/// <summary>
/// Where an agent of a task tree stands: queued and running while it lives, then the status its completion envelope
/// carries, decided by the runtime from how the run ended — never from the model's text.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgentStatus>))]
public enum AgentStatus
{
    [JsonStringEnumMemberName("queued")]
    Queued,

    [JsonStringEnumMemberName("running")]
    Running,

    [JsonStringEnumMemberName("done")]
    Done,

    [JsonStringEnumMemberName("failed")]
    Failed,

    [JsonStringEnumMemberName("timeout")]
    Timeout,

    [JsonStringEnumMemberName("killed")]
    Killed,

    [JsonStringEnumMemberName("budget_exceeded")]
    BudgetExceeded,
}
