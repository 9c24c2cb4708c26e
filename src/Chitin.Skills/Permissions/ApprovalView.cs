namespace Chitin.Skills.Permissions;

/// <summary>
/// The <c>skill</c> tool as the approver should see it when loading a skill whose vetting warns: not read-only, so
/// the normal flow asks the user (or --yes approves, or an unattended run denies). It is never invoked.
/// </summary>
internal sealed class ApprovalView(ITool tool, string description) : ITool
{
    public string Name => tool.Name;

    public string Description { get; } = description;

    public JsonElement ParametersSchema => tool.ParametersSchema;

    public ToolTraits Traits => ToolTraits.None;

    public ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken) => tool.InvokeAsync(invocation, cancellationToken);
}
