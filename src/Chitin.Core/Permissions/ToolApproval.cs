namespace Chitin.Core.Permissions;

/// <summary>Outcome of an approval. A denial's reason is shown to the model.</summary>
public sealed record ToolApproval(bool Allowed, string? Reason = null, string? Rule = null)
{
    public static ToolApproval Allow(string? rule = null) => new(true, null, rule);

    public static ToolApproval Deny(string reason, string? rule = null) => new(false, reason, rule);
}
