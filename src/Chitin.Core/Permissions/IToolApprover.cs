namespace Chitin.Core.Permissions;

/// <summary>Decides whether a tool call may run. The layered permission engine and the interactive prompt implement it.</summary>
public interface IToolApprover
{
    ValueTask<ToolApproval> ApproveAsync(ToolApprovalRequest request, CancellationToken cancellationToken);
}
