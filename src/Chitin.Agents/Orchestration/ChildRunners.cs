namespace Chitin.Agents.Orchestration;

/// <summary>Children run by <see cref="AgentRunner"/>s built from the host's parts: one client per model, the host's options, stores and approver.</summary>
public sealed class ChildRunners(
    Func<string, IChatClient> clientFor,
    Func<string, AgentRunnerOptions> optionsFor,
    ToolRegistry tools,
    IToolApprover approver,
    ISessionStore sessions,
    IUsageStore usage,
    string defaultModel,
    AgentLimits limits) : IChildRunnerFactory
{
    public ToolRegistry Tools => tools;

    public IToolApprover Approver => approver;

    public ISessionStore Sessions => sessions;

    public string DefaultModel => defaultModel;

    public AgentLimits Limits => limits;

    public AgentRunner Create(string model, ToolRegistry tools, IToolApprover approver) =>
        new(clientFor(model), tools, sessions, usage, approver, optionsFor(model));
}
