namespace Chitin.Agents.Orchestration;

/// <summary>
/// A child's approver: a call that edits a path (the tool's declared <see cref="ToolSubject"/>) may only touch the
/// child's own bus folder or a file declared at spawn; everything else then goes to the host's approver as usual.
/// </summary>
public sealed class WorkerApprover(IToolApprover inner, string workspace, string ownFolder, IReadOnlyList<string> declaredFiles) : IToolApprover
{
    private readonly string _own = Path.TrimEndingDirectorySeparator(Path.GetFullPath(ownFolder));
    private readonly HashSet<string> _files = declaredFiles.Select(f => Path.GetFullPath(f, workspace)).ToHashSet(StringComparer.Ordinal);

    public ValueTask<ToolApproval> ApproveAsync(ToolApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Tool.Subject is { Kind: ToolSubjectKind.EditPath } subject && subject.ValueIn(request.Arguments) is { } path)
        {
            var full = Path.GetFullPath(path, workspace);
            var inside = full.StartsWith(_own + Path.DirectorySeparatorChar, StringComparison.Ordinal) || full == _own;
            if (!inside && !_files.Contains(full))
            {
                var declared = _files.Count == 0 ? "" : $" or the files declared at spawn ({string.Join(", ", _files.Select(f => Path.GetRelativePath(workspace, f)))})";
                return ValueTask.FromResult(ToolApproval.Deny(
                    $"a worker agent may only write in its own folder {Path.GetRelativePath(workspace, _own)}/{declared}; write your output under {Path.GetRelativePath(workspace, _own)}/out/"));
            }
        }

        return inner.ApproveAsync(request, cancellationToken);
    }
}
