namespace Chitin.Security.Permissions;

/// <summary>
/// Layered permission policy (managed &gt; command line &gt; project &gt; user &gt; defaults). For each call: a matching
/// deny rule from any layer denies; otherwise plan mode denies every tool that is not read-only; otherwise a
/// matching ask rule asks; otherwise matching allow rules allow (a compound command only when every part is
/// covered); otherwise the mode decides. An "ask" is approved by an earlier "always for this session" answer,
/// a pre-approved request (hook or skill), --yes, or the interactive prompt; with none of these it is denied.
/// Nothing approves what a deny rule or plan mode refuses. Every decision goes to the audit log.
/// </summary>
public sealed class PermissionEngine : IToolApprover, IFileReadPolicy
{
    private const string ReadTool = "read_file";

    private const string NeedsApproval = "needs approval: run interactively or pass --yes, or add an allow rule like ";

    private readonly CompiledRule[] _deny;
    private readonly CompiledRule[] _ask;
    private readonly CompiledRule[] _allow;
    /// <summary>The run's tools, from the latest approval request that carried them (for <see cref="MayRead"/>).</summary>
    private volatile ToolRegistry? _knownTools;
    private readonly string[] _additionalRoots;
    private readonly string _modeRule;
    private readonly string? _modeLayer;
    private readonly PermissionEngineOptions _options;
    private readonly string _home;
    private readonly SessionApprovals _sessions = new();
    private WorkspaceRoots? _roots;

    /// <exception cref="PermissionConfigurationException">A rule is invalid, or unrestricted mode was chosen where a layer forbids it.</exception>
    public PermissionEngine(IEnumerable<PermissionLayer> layers, PermissionEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _options = options ?? new PermissionEngineOptions();
        _home = PathExpansion.ToAbsolute(_options.HomeDirectory ?? PermissionRule.DefaultHome(), "/", "/");
        var ordered = layers.Select((layer, index) => (layer, index))
            .OrderBy(x => x.layer.Source)
            .ThenBy(x => x.index)
            .Select(x => x.layer ?? throw new ArgumentException("A permission layer is null.", nameof(layers)))
            .ToArray();

        _deny = Compile(ordered, PermissionRuleKind.Deny, s => s.Deny, _home);
        _ask = Compile(ordered, PermissionRuleKind.Ask, s => s.Ask, _home);
        _allow = Compile(ordered, PermissionRuleKind.Allow, s => s.Allow, _home);

        var modeLayer = ordered.FirstOrDefault(l => l.Settings.Mode is not null);
        Mode = modeLayer?.Settings.Mode ?? PermissionMode.Default;
        _modeLayer = modeLayer?.Describe();
        _modeRule = $"mode {PermissionModes.ToName(Mode)} [{_modeLayer ?? "built-in"}]";
        var forbidder = ordered.FirstOrDefault(l => l.Settings.DisableUnrestrictedMode);
        if (Mode == PermissionMode.Unrestricted && forbidder is not null)
        {
            throw new PermissionConfigurationException(
                $"Unrestricted mode is disabled by {forbidder.Describe()} (disableUnrestrictedMode), but {_modeLayer} chose it. " +
                "Use mode default, acceptEdits or plan, or add allow rules for what should run without asking.");
        }

        var workingDirectory = _options.WorkingDirectory ?? Environment.CurrentDirectory;
        AdditionalDirectories = ordered.SelectMany(l => l.Settings.AdditionalDirectories)
            .Select(d => PathExpansion.ToAbsolute(d, workingDirectory, _home))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        _additionalRoots = WithResolved(AdditionalDirectories);
    }

    /// <summary>The mode in force: the highest layer that sets one, or <see cref="PermissionMode.Default"/>.</summary>
    public PermissionMode Mode { get; }

    /// <summary>Extra directories from every layer, absolute; the CLI also gives them to ToolContext.AllowedDirectories.</summary>
    public IReadOnlyList<string> AdditionalDirectories { get; }

    public async ValueTask<ToolApproval> ApproveAsync(ToolApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Tools is { } tools)
        {
            _knownTools = tools;
        }

        var facts = CallFacts.From(request, _home);
        var verdict = Evaluate(facts, request);
        return verdict.Kind switch
        {
            PermissionRuleKind.Deny => Record(request, verdict, ToolApproval.Deny(verdict.Reason!, verdict.Rule), verdict.ResolvedBy),
            PermissionRuleKind.Allow => Record(request, verdict, ToolApproval.Allow(verdict.Rule), verdict.ResolvedBy),
            _ => await ResolveAskAsync(request, facts, verdict, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>
    /// What a deny rule says about read_file on this path: false when one denies it (a path rule that matches, or
    /// a rule that denies read_file outright). Asks and the mode are not consulted: search tools cannot ask per file.
    /// </summary>
    public bool MayRead(string fullPath, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(fullPath);
        ArgumentNullException.ThrowIfNull(context);
        if (_deny.Length == 0)
        {
            return true;
        }

        var workspace = CallFacts.WorkspaceOf(context, _home);
        var tools = _knownTools;
        foreach (var rule in _deny)
        {
            if (rule.Rule.AppliesToRead(ReadTool, tools) && (rule.Rule.Specifier is null || rule.Rule.MatchesPath(fullPath, workspace)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Drops the "always for this session" answers of a finished session.</summary>
    public void ForgetSession(string sessionId) => _sessions.Forget(sessionId);

    /// <summary>What rules and mode say, before an "ask" is resolved.</summary>
    internal PolicyVerdict Evaluate(CallFacts facts, ToolApprovalRequest request)
    {
        foreach (var rule in _deny)
        {
            if (MatchesRestrictive(rule.Rule, facts))
            {
                return new PolicyVerdict(PermissionRuleKind.Deny, rule.Description, rule.Layer, $"denied by {rule.Description}", "rule");
            }
        }

        if (Mode == PermissionMode.Plan && !facts.Traits.HasFlag(ToolTraits.ReadOnly))
        {
            return new PolicyVerdict(PermissionRuleKind.Deny, _modeRule, _modeLayer, "plan mode: read-only", "mode");
        }

        foreach (var rule in _ask)
        {
            if (MatchesRestrictive(rule.Rule, facts))
            {
                return new PolicyVerdict(PermissionRuleKind.Ask, rule.Description, rule.Layer, null, "rule");
            }
        }

        var allowedBy = CoveringAllowRule(facts);
        if (allowedBy is not null)
        {
            return new PolicyVerdict(PermissionRuleKind.Allow, allowedBy.Description, allowedBy.Layer, null, "rule");
        }

        return ModeDefault(facts, request);
    }

    private PolicyVerdict ModeDefault(CallFacts facts, ToolApprovalRequest request)
    {
        var allow = new PolicyVerdict(PermissionRuleKind.Allow, _modeRule, _modeLayer, null, "mode");
        if (Mode == PermissionMode.Unrestricted)
        {
            return allow;
        }

        var isFile = facts.Subject.IsPath;
        if (facts.Traits.HasFlag(ToolTraits.ReadOnly) && !facts.Traits.HasFlag(ToolTraits.Network))
        {
            return !isFile || IsInsideWorkspace(facts, request)
                ? allow
                : allow with { Kind = PermissionRuleKind.Ask, Rule = _modeRule + " (outside the workspace)" };
        }

        if (Mode == PermissionMode.AcceptEdits && facts.Subject.Kind == ToolSubjectKind.EditPath && IsInsideWorkspace(facts, request))
        {
            return allow;
        }

        return allow with { Kind = PermissionRuleKind.Ask };
    }

    private async ValueTask<ToolApproval> ResolveAskAsync(ToolApprovalRequest request, CallFacts facts, PolicyVerdict verdict, CancellationToken cancellationToken)
    {
        var session = request.Context.SessionId;
        var keys = SessionKeys(facts);
        if (_sessions.AllRemembered(session, facts.ToolName, keys))
        {
            return Record(request, verdict, ToolApproval.Allow(verdict.Rule + " → approved earlier for this session"), "session");
        }

        if (request.PreApproved)
        {
            return Record(request, verdict, ToolApproval.Allow(verdict.Rule + " → pre-approved by a hook or skill"), "hook");
        }

        if (_options.ApproveAsks)
        {
            return Record(request, verdict, ToolApproval.Allow(verdict.Rule + " → --yes"), "flag");
        }

        if (_options.Prompt is null)
        {
            return Record(request, verdict, ToolApproval.Deny(NeedsApproval + SuggestRule(facts), verdict.Rule), "unattended");
        }

        var prompt = new PermissionPrompt(session, request.Context.Agent, facts.ToolName, request.CallId, request.Arguments, facts.Summary, verdict.Rule, keys);
        PermissionAnswer answer;
        try
        {
            answer = await _options.Prompt(prompt, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _ = Record(request, verdict, ToolApproval.Deny("cancelled while asking for approval", verdict.Rule), "cancelled");
            throw;
        }

        switch (answer)
        {
            case PermissionAnswer.AlwaysForSession:
                _sessions.Remember(session, facts.ToolName, keys);
                return Record(request, verdict, ToolApproval.Allow(verdict.Rule + " → approved by the user for this session"), "user");
            case PermissionAnswer.Yes:
                return Record(request, verdict, ToolApproval.Allow(verdict.Rule + " → approved by the user"), "user");
            default:
                return Record(
                    request,
                    verdict,
                    ToolApproval.Deny("the user declined this call; do not retry it, explain what you wanted to do instead", verdict.Rule + " → declined by the user"),
                    "user");
        }
    }

    private ToolApproval Record(ToolApprovalRequest request, PolicyVerdict verdict, ToolApproval approval, string resolvedBy)
    {
        var entry = new AuditEntry
        {
            Time = _options.Time.GetUtcNow(),
            SessionId = request.Context.SessionId,
            Agent = request.Context.Agent,
            Tool = request.Tool.Name,
            CallId = request.CallId,
            ArgumentsSha256 = ArgumentDigest.Sha256(request.Arguments),
            Decision = approval.Allowed ? "allow" : "deny",
            Policy = verdict.Kind switch { PermissionRuleKind.Allow => "allow", PermissionRuleKind.Ask => "ask", _ => "deny" },
            Rule = approval.Rule,
            Layer = verdict.Layer,
            ResolvedBy = resolvedBy,
        };
        try
        {
            _options.AuditLog.Append(entry);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // An unaudited decision is not allowed to run.
            return ToolApproval.Deny($"the audit log could not be written ({ex.Message}); tool calls are refused until it can", approval.Rule);
        }

        return approval;
    }

    private static bool MatchesRestrictive(PermissionRule rule, CallFacts facts)
    {
        if (!rule.AppliesTo(facts, restrictive: true))
        {
            return false;
        }

        if (rule.Specifier is null)
        {
            return true;
        }

        switch (facts.Subject.Kind)
        {
            case ToolSubjectKind.Command:
                return facts.Shell is { } shell && MatchesAnyPart(rule, shell);
            case ToolSubjectKind.ReadPath or ToolSubjectKind.EditPath:
                foreach (var path in facts.Paths)
                {
                    if (rule.MatchesPath(path, facts.Workspace))
                    {
                        return true;
                    }
                }

                return false;
            case ToolSubjectKind.Url when rule.IsDomainRule:
                return facts.Host is { } host && rule.MatchesHost(host);
            default:
                // The tool declares no subject the pattern could be checked against: the rule holds (fail closed).
                return true;
        }
    }

    private static bool MatchesAnyPart(PermissionRule rule, ParsedShellCommand shell)
    {
        if (rule.MatchesCommand(shell.Normalized, restrictive: true))
        {
            return true;
        }

        foreach (var segment in shell.Segments)
        {
            foreach (var form in segment.RestrictiveForms)
            {
                if (rule.MatchesCommand(form, restrictive: true))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The allow rule that covers the whole call (for a compound command, the first of the rules covering its parts).</summary>
    private CompiledRule? CoveringAllowRule(CallFacts facts)
    {
        foreach (var rule in _allow)
        {
            if (rule.Rule.Specifier is null && rule.Rule.AppliesTo(facts, restrictive: false))
            {
                return rule;
            }
        }

        return facts.Subject.Kind switch
        {
            ToolSubjectKind.Command => CoveringCommandRules(facts),
            ToolSubjectKind.ReadPath or ToolSubjectKind.EditPath => facts.Paths.Count == 0 || facts.LinkLoop ? null : FirstAllow(facts, static (rule, f) => f.Paths.All(p => rule.MatchesPath(p, f.Workspace))),
            ToolSubjectKind.Url => facts.Host is null ? null : FirstAllow(facts, static (rule, f) => rule.IsDomainRule && rule.MatchesHost(f.Host!)),
            _ => null,
        };
    }

    private CompiledRule? CoveringCommandRules(CallFacts facts)
    {
        if (facts.Shell is not { Complete: true, Segments.Count: > 0 } shell)
        {
            return null;
        }

        CompiledRule? first = null;
        foreach (var segment in shell.Segments)
        {
            var covering = segment.WritesFile ? null : FirstAllow(facts, (rule, _) => rule.MatchesCommand(segment.Text, restrictive: false));
            if (covering is null)
            {
                return null;
            }

            first ??= covering;
        }

        return first;
    }

    private CompiledRule? FirstAllow(CallFacts facts, Func<PermissionRule, CallFacts, bool> matches)
    {
        foreach (var rule in _allow)
        {
            if (rule.Rule.Specifier is not null && rule.Rule.AppliesTo(facts, restrictive: false) && matches(rule.Rule, facts))
            {
                return rule;
            }
        }

        return null;
    }

    private bool IsInsideWorkspace(CallFacts facts, ToolApprovalRequest request)
    {
        if (facts.Paths.Count == 0 || facts.LinkLoop)
        {
            return false;
        }

        var roots = RootsFor(facts.Workspace, request.Context.AllowedDirectories);
        foreach (var path in facts.Paths)
        {
            if (!roots.Contains(path))
            {
                return false;
            }
        }

        return true;
    }

    private WorkspaceRoots RootsFor(string workspace, IReadOnlyList<string> allowed)
    {
        var cached = Volatile.Read(ref _roots);
        if (cached is not null && cached.Workspace == workspace && ReferenceEquals(cached.Allowed, allowed))
        {
            return cached;
        }

        var extra = allowed.Select(d => PathExpansion.ToAbsolute(d, workspace, _home));
        var roots = new WorkspaceRoots(workspace, allowed, [.. WithResolved([workspace, .. extra]), .. _additionalRoots]);
        Volatile.Write(ref _roots, roots);
        return roots;
    }

    private static string[] WithResolved(IEnumerable<string> directories) =>
        directories.SelectMany(d => new[] { d, RealPath.Resolve(d) ?? d }).Distinct(StringComparer.Ordinal).ToArray();

    private static IReadOnlyList<string> SessionKeys(CallFacts facts) =>
        facts.Shell is { } shell
            ? shell.Segments.Select(s => s.SessionKey).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToArray()
            : [facts.ToolName];

    private static string SuggestRule(CallFacts facts)
    {
        switch (facts.Subject.Kind)
        {
            case ToolSubjectKind.Command when facts.Shell is { Segments.Count: > 0 } shell:
                return $"{facts.ToolName}({shell.Segments[0].SessionKey}*)";
            case ToolSubjectKind.ReadPath or ToolSubjectKind.EditPath when facts.Paths.Count > 0:
                var directory = Directory.Exists(facts.Paths[0]) ? facts.Paths[0] : Path.GetDirectoryName(facts.Paths[0]) ?? "/";
                var shown = PathContainment.IsInside(directory, facts.Workspace)
                    ? Path.GetRelativePath(facts.Workspace, directory)
                    : directory;
                return shown == "." ? $"{facts.ToolName}(**)" : $"{facts.ToolName}({shown.TrimEnd('/')}/**)";
            case ToolSubjectKind.Url when facts.Host is not null:
                return $"{facts.ToolName}(domain:{facts.Host})";
            default:
                return facts.ToolName;
        }
    }

    private static CompiledRule[] Compile(PermissionLayer[] layers, PermissionRuleKind kind, Func<PermissionSettings, IReadOnlyList<string>> rules, string home)
    {
        var list = kind.ToString().ToLowerInvariant();
        return layers
            .SelectMany(layer => (rules(layer.Settings) ?? []).Select((text, index) =>
                new CompiledRule(PermissionRule.Parse(text, $"permissions.{list}[{index}] of {layer.Describe()}", home), kind, layer)))
            .ToArray();
    }

    private sealed class WorkspaceRoots(string workspace, IReadOnlyList<string> allowed, string[] roots)
    {
        public string Workspace { get; } = workspace;

        public IReadOnlyList<string> Allowed { get; } = allowed;

        public bool Contains(string path)
        {
            foreach (var root in roots)
            {
                if (PathContainment.IsInside(path, root))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
