namespace Chitin.Agents.Tools;

/// <summary>agents_send: steers a running child; it reads the message before its next model call.</summary>
public sealed class AgentsSendTool(AgentRuntime runtime)
    : ToolBase("agents_send", "Send a message to a running child; it sees it before its next step.", Schema, ToolTraits.ConcurrencySafe)
{
    private const string Schema =
        """
        {"type":"object","properties":{"id":{"type":"string","description":"The child's id"},"message":{"type":"string","description":"What to tell it"}},"required":["id","message"]}
        """;

    public override ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var arguments = ToolArguments.Of(this, invocation);
        var id = arguments.Text("id", required: true);
        var message = arguments.Text("message", required: true);
        if (arguments.HasErrors(out var invalid))
        {
            return ValueTask.FromResult(invalid);
        }

        var error = runtime.Send(invocation.Context, id!, message!);
        return ValueTask.FromResult(error is null ? ToolResult.Ok($"sent to {id}") : ToolResult.Error(error));
    }
}
