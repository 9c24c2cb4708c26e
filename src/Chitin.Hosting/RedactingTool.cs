namespace Chitin.Hosting;

/// <summary>
/// A tool whose result text passes through the redactor. The agent loop redacts results itself; this is for tools
/// served to other programs (chitin mcp serve), whose results leave the process directly.
/// </summary>
public sealed class RedactingTool(ITool inner, ISecretRedactor redactor) : ITool
{
    public ITool Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    public string Name => Inner.Name;

    public string Description => Inner.Description;

    public JsonElement ParametersSchema => Inner.ParametersSchema;

    public ToolTraits Traits => Inner.Traits;

    public async ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var result = await Inner.InvokeAsync(invocation, cancellationToken);
        return result with { Text = redactor.Redact(result.Text) };
    }
}
