namespace Chitin.Core.Tools;

/// <summary>
/// A tool whose name, description, parameters schema, traits and subject are fixed when it is built: subclasses
/// declare them once in the base call and implement only <see cref="InvokeAsync"/>.
/// </summary>
public abstract class ToolBase : ITool
{
    /// <param name="parametersSchema">The JSON schema of the arguments object, sent to the model as written.</param>
    /// <param name="subject">The argument permission rules look at; none when null.</param>
    protected ToolBase(string name, string description, [StringSyntax(StringSyntaxAttribute.Json)] string parametersSchema, ToolTraits traits, ToolSubject? subject = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        Name = name;
        Description = description;
        ParametersSchema = JsonElement.Parse(parametersSchema);
        Traits = traits;
        Subject = subject ?? ToolSubject.None;
    }

    public string Name { get; }

    public string Description { get; }

    public JsonElement ParametersSchema { get; }

    public ToolTraits Traits { get; }

    /// <summary>Declared here so it implements <see cref="ITool.Subject"/>: the interface's default would otherwise win.</summary>
    public ToolSubject Subject { get; }

    public abstract ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken);
}
