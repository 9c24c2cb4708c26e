namespace Chitin.Agents.Tools;

/// <summary>agents_status: the runtime's view of the caller's children (status, tokens, cost, folders).</summary>
public sealed class AgentsStatusTool(AgentRuntime runtime)
    : ToolBase("agents_status", "List your child agents as the runtime sees them: id, parent, status, tokens, cost, budget, folder and result path.", Schema, ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe)
{
    private const string Schema = """{"type":"object","properties":{}}""";

    public override ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var rows = runtime.Status(invocation.Context);
        return ValueTask.FromResult(ToolResult.Ok(rows.Count == 0 ? "No child agents." : JsonSerializer.Serialize(rows.ToList(), AgentsJsonContext.Default.ListAgentStatusRow)));
    }
}
