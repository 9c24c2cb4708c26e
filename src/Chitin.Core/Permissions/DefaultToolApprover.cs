namespace Chitin.Core.Permissions;

/// <summary>
/// Foundation policy until the layered engine exists: read-only tools run; anything else runs only when
/// <see cref="ApproveAll"/> is set (<c>--yes</c>) or <see cref="Ask"/> says yes; otherwise it is denied.
/// </summary>
public sealed class DefaultToolApprover : IToolApprover
{
    public DefaultToolApprover(bool approveAll, Func<ToolApprovalRequest, CancellationToken, ValueTask<bool>>? ask = null)
    {
        ApproveAll = approveAll;
        Ask = ask;
    }

    public bool ApproveAll { get; }

    public Func<ToolApprovalRequest, CancellationToken, ValueTask<bool>>? Ask { get; }

    public async ValueTask<ToolApproval> ApproveAsync(ToolApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Tool.Traits.HasFlag(ToolTraits.ReadOnly))
        {
            return ToolApproval.Allow("default:read-only");
        }

        if (ApproveAll)
        {
            return ToolApproval.Allow("flag:--yes");
        }

        if (request.PreApproved)
        {
            return ToolApproval.Allow("pre-approved");
        }

        if (Ask is not null && await Ask(request, cancellationToken).ConfigureAwait(false))
        {
            return ToolApproval.Allow("user:approved");
        }

        return ToolApproval.Deny(
            $"The user did not approve '{request.Tool.Name}'. Do not retry the same call; explain what you wanted to do instead.",
            Ask is null ? "default:ask (non-interactive; pass --yes to approve)" : "user:denied");
    }
}
