namespace Chitin.Core.Permissions;

/// <summary>
/// A tool call to judge. <see cref="PreApproved"/> is set when a hook or an active skill's allowed-tools approved it:
/// the approver then does not ask, but still refuses what policy denies.
/// </summary>
public sealed record ToolApprovalRequest(ITool Tool, string CallId, JsonElement Arguments, ToolContext Context)
{
    public bool PreApproved { get; init; }

    /// <summary>
    /// The tools the run has, so a rule written for one tool can cover the tools that declare the same kind of
    /// subject (a rule on read_file also covers grep). Null when the caller has no registry.
    /// </summary>
    public ToolRegistry? Tools { get; init; }
}
