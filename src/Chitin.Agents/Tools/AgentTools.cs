namespace Chitin.Agents.Tools;

/// <summary>The five tools an orchestrator (or any agent above the last level) gets.</summary>
public static class AgentTools
{
    public static IReadOnlyList<ITool> Create(AgentRuntime runtime) =>
    [
        new AgentsSpawnTool(runtime),
        new AgentsWaitTool(runtime),
        new AgentsSendTool(runtime),
        new AgentsKillTool(runtime),
        new AgentsStatusTool(runtime),
    ];
}
