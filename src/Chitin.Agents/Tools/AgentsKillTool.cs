namespace Chitin.Agents.Tools;

/// <summary>agents_kill: stops a child and everything below it; returns their envelopes (status killed).</summary>
public sealed class AgentsKillTool(AgentRuntime runtime)
    : ToolBase("agents_kill", "Stop a child agent and all agents it spawned; returns their envelopes.", Schema, ToolTraits.Destructive | ToolTraits.ConcurrencySafe)
{
    private const string Schema =
        """
        {"type":"object","properties":{"id":{"type":"string","description":"The child to stop, with all its descendants"}},"required":["id"]}
        """;

    public override async ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var arguments = ToolArguments.Of(this, invocation);
        var id = arguments.Text("id", required: true);
        if (arguments.HasErrors(out var invalid))
        {
            return invalid;
        }

        var (envelopes, error) = await runtime.KillAsync(invocation.Context, id!, cancellationToken).ConfigureAwait(false);
        return error is null ? ToolResult.Ok(EnvelopeText.Of(envelopes)) : ToolResult.Error(error);
    }
}
