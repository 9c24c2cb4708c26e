namespace Chitin.Skills.Permissions;

/// <summary>
/// Decorates the approver (normally the permission engine) with what skills mean for permissions:
/// <list type="number">
/// <item>Calls that would read a blocked skill's files (read_file, list_dir, glob, grep, edit_file, run_shell naming
/// the folder) are denied, so a blocked skill cannot reach the model through other tools.</item>
/// <item>Loading a skill whose vetting warns goes to the inner approver as a call that is not read-only (so it is
/// asked about, approved by --yes, or denied unattended); an approval holds for that session and content.</item>
/// <item>A call covered by the <c>allowed-tools</c> of a skill the session loaded goes to the inner approver with
/// <see cref="ToolApprovalRequest.PreApproved"/> set: it is not asked about, but deny rules and plan mode still win.
/// Other sessions are not affected. A project skill of an untrusted workspace pre-approves nothing (it would be an
/// allow rule chosen by the repository).</item>
/// </list>
/// </summary>
public sealed class SkillScopedApprover : IToolApprover
{
    private readonly IToolApprover _inner;
    private readonly SkillSessionState _state;
    private readonly Func<ToolContext, SkillCatalog> _catalog;

    public SkillScopedApprover(IToolApprover inner, SkillSessionState state, Func<ToolContext, SkillCatalog> catalog)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _state = state ?? throw new ArgumentNullException(nameof(state));
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
    }

    public async ValueTask<ToolApproval> ApproveAsync(ToolApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var catalog = _catalog(request.Context);
        var blocked = BlockedSkillGuard.Check(request, catalog);
        if (blocked is not null)
        {
            return ToolApproval.Deny(blocked, "skills:blocked-skill");
        }

        if (request.Tool.Name == SkillTool.ToolName && SkillNeedingApproval(request, catalog) is { } pending)
        {
            return await ApproveWarnedSkillAsync(request, pending, cancellationToken).ConfigureAwait(false);
        }

        if (!request.PreApproved && CoveringSkill(request, catalog) is { } skill)
        {
            var approval = await _inner.ApproveAsync(request with { PreApproved = true }, cancellationToken).ConfigureAwait(false);
            return approval.Allowed ? approval with { Rule = $"{approval.Rule} [allowed-tools of skill '{skill}']" } : approval;
        }

        return await _inner.ApproveAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private SkillEntry? SkillNeedingApproval(ToolApprovalRequest request, SkillCatalog catalog)
    {
        var name = request.Arguments.ValueKind == JsonValueKind.Object && request.Arguments.TryGetProperty("name", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
        var skill = name is null ? null : catalog.Find(name.Trim());
        return skill is { Status: SkillStatus.NeedsApproval } && !_state.AreWarningsApproved(request.Context.SessionId, skill.Name, skill.ContentHash)
            ? skill
            : null;
    }

    private async ValueTask<ToolApproval> ApproveWarnedSkillAsync(ToolApprovalRequest request, SkillEntry skill, CancellationToken cancellationToken)
    {
        var view = new ApprovalView(request.Tool, $"Load skill '{skill.Name}', which has vetting warnings: {skill.StatusReason}");
        var approval = await _inner.ApproveAsync(request with { Tool = view }, cancellationToken).ConfigureAwait(false);
        if (approval.Allowed)
        {
            _state.ApproveWarnings(request.Context.SessionId, skill.Name, skill.ContentHash);
            return approval;
        }

        return approval with
        {
            Reason = $"{approval.Reason} Skill '{skill.Name}' has vetting warnings; the user can review it with 'chitin skills vet {skill.Directory}' and approve it with 'chitin skills enable {skill.Name}'.",
        };
    }

    /// <summary>The name of a skill this session loaded whose allowed-tools cover the call, while it is still usable.</summary>
    private string? CoveringSkill(ToolApprovalRequest request, SkillCatalog catalog)
    {
        var session = request.Context.SessionId;
        foreach (var loaded in _state.LoadedSkills(session))
        {
            var current = catalog.Find(loaded.Name);
            var usable = current is not null
                         && !(catalog.UntrustedWorkspace && current.IsProjectSkill)
                         && string.Equals(current.Directory, loaded.Directory, StringComparison.Ordinal)
                         && string.Equals(current.ContentHash, loaded.ContentHash, StringComparison.Ordinal)
                         && (current.Status == SkillStatus.Available
                             || (current.Status == SkillStatus.NeedsApproval && _state.AreWarningsApproved(session, current.Name, current.ContentHash)));
            if (usable && AllowedToolPattern.ParseAll(loaded.AllowedTools).Any(p => p.Matches(request.Tool, request.Arguments, request.Context.Workspace)))
            {
                return loaded.Name;
            }
        }

        return null;
    }
}
