namespace Chitin.Agents.Orchestration;

/// <summary>What the host gives the runtime to run children in the same process, served by the same provider.</summary>
public interface IChildRunnerFactory
{
    /// <summary>The tools a child may get, before the runtime takes away what its depth and role forbid.</summary>
    ToolRegistry Tools { get; }

    IToolApprover Approver { get; }

    ISessionStore Sessions { get; }

    string DefaultModel { get; }

    AgentLimits Limits { get; }

    /// <summary>A runner for <paramref name="model"/> with exactly <paramref name="tools"/>, judged by <paramref name="approver"/>.</summary>
    AgentRunner Create(string model, ToolRegistry tools, IToolApprover approver);
}
