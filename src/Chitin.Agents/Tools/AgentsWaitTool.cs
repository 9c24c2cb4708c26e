namespace Chitin.Agents.Tools;

/// <summary>agents_wait: suspends the turn until the named children (or all not yet reported) end; returns their envelopes.</summary>
public sealed class AgentsWaitTool(AgentRuntime runtime)
    : ToolBase("agents_wait", "Wait until children end and get their completion envelopes: status (done, failed, timeout, killed, budget_exceeded), result capped to ~1,500 tokens, paths to the full result, artifacts and transcript, tokens and cost. Read the files only when you need more.", Schema, ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe)
{
    private const string Schema =
        """
        {"type":"object","properties":{"ids":{"type":"array","items":{"type":"string"},"description":"Child ids to wait for; omit to wait for all children not reported yet"}}}
        """;

    public override async ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var arguments = ToolArguments.Of(this, invocation);
        var ids = arguments.Strings("ids");
        if (arguments.HasErrors(out var invalid))
        {
            return invalid;
        }

        var (envelopes, error) = await runtime.WaitAsync(invocation.Context, ids, cancellationToken).ConfigureAwait(false);
        return error is null ? ToolResult.Ok(EnvelopeText.Of(envelopes)) : ToolResult.Error(error);
    }
}
