using System.Collections.Concurrent;
using Chitin.Core.Permissions;

namespace Chitin.Mcp.Tests.Support;

/// <summary>Allows read-only tools, denies the rest with a fixed reason, and records every request it judged.</summary>
internal sealed class RecordingApprover : IToolApprover
{
    public const string DenialReason = "Policy forbids destructive tools over MCP.";

    public ConcurrentQueue<ToolApprovalRequest> Requests { get; } = new();

    public ValueTask<ToolApproval> ApproveAsync(ToolApprovalRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return ValueTask.FromResult(request.Tool.Traits.HasFlag(Chitin.Core.Tools.ToolTraits.ReadOnly)
            ? ToolApproval.Allow("test:read-only")
            : ToolApproval.Deny(DenialReason, "test:deny"));
    }
}
