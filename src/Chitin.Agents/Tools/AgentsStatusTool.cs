namespace Chitin.Agents.Tools;

/// <summary>agents_status: the runtime's view of the caller's children (status, tokens, cost, folders).</summary>
public sealed class AgentsStatusTool(AgentRuntime runtime) : ITool
{
    private static readonly JsonElement Schema = JsonElement.Parse("""{"type":"object","properties":{}}""");

    public string Name => "agents_status";

    public string Description => "List your child agents as the runtime sees them: id, parent, status, tokens, cost, budget, folder and result path.";

    public JsonElement ParametersSchema => Schema;

    public ToolTraits Traits => ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe;

    public ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var rows = runtime.Status(invocation.Context);
        return ValueTask.FromResult(ToolResult.Ok(rows.Count == 0 ? "No child agents." : JsonSerializer.Serialize(rows.ToList(), AgentsJsonContext.Default.ListAgentStatusRow)));
    }
}
