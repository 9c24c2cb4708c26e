namespace Chitin.Skills.Tools;

/// <summary>
/// <c>skill</c>: loads an available skill's instructions (the SKILL.md body, without front matter) with a list of its
/// files, or reads one of those files with <c>file</c>. A blocked, hidden, disabled or invalid skill is refused and
/// none of its content is returned, even when asked for by exact name. A skill whose vetting warns is loaded only
/// after it was approved for the session (through <see cref="Permissions.SkillScopedApprover"/>) or in the library.
/// </summary>
public sealed class SkillTool : SkillCatalogTool
{
    public const string ToolName = "skill";

    /// <summary>Largest part of one skill file returned; the rest is cut with a note.</summary>
    public const int MaxFileBytes = 256 * 1024;

    private const string Schema =
        """
        {"type":"object","properties":{"name":{"type":"string","description":"Skill name from the skills index or skill_search"},"file":{"type":"string","description":"Optional: a file of the skill, relative to its folder (e.g. references/guide.md)"}},"required":["name"],"additionalProperties":false}
        """;

    private readonly SkillSessionState _state;
    private readonly Action<SkillLoad>? _onLoad;
    private readonly ITokenCounter _counter;

    public SkillTool(Func<ToolContext, SkillCatalog> catalog, SkillSessionState state, Action<SkillLoad>? onLoad = null, ITokenCounter? tokenCounter = null)
        : base(ToolName, "Load a skill's instructions by name before doing the kind of work it describes; with 'file', read one of the skill's files.", Schema, catalog)
    {
        _state = state ?? throw new ArgumentNullException(nameof(state));
        _onLoad = onLoad;
        _counter = tokenCounter ?? TiktokenCounter.Instance;
    }

    protected override ToolResult Invoke(ToolArguments arguments, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var name = arguments.Text("name", required: true);
        var file = arguments.Text("file", required: false);
        if (arguments.HasErrors(out var invalid))
        {
            return invalid;
        }

        var catalog = Catalog(context);
        var skill = catalog.Find(name!);
        if (skill is null)
        {
            return ToolResult.Error(NotFound(name!, catalog));
        }

        var refusal = Refusal(skill, context.SessionId);
        if (refusal is not null)
        {
            return ToolResult.Error(refusal);
        }

        return file is null || file == Format.SkillDocument.FileName
            ? Load(skill, context.SessionId)
            : ReadFile(skill, file);
    }

    /// <summary>Why this session may not see the skill's content, or null when it may.</summary>
    internal string? Refusal(SkillEntry skill, string sessionId) => skill.Status switch
    {
        SkillStatus.Available => null,
        SkillStatus.Blocked => $"Skill '{skill.Name}' is blocked by local vetting; its content is withheld and must not be used. " +
                               $"Tell the user; they can review it with 'chitin skills vet {skill.Directory}'. Continue without it.",
        SkillStatus.Disabled => $"Skill '{skill.Name}' is disabled by the user; it cannot be loaded. They can turn it on with 'chitin skills enable {skill.Name}'.",
        SkillStatus.Hidden => $"Skill '{skill.Name}' cannot be used here: {skill.StatusReason}.",
        SkillStatus.Invalid => $"Skill '{skill.Name}' breaks the Agent Skills specification ({InvalidWhere(skill)}) and cannot be loaded; 'chitin skills list' shows the user why.",
        SkillStatus.NeedsApproval when _state.AreWarningsApproved(sessionId, skill.Name, skill.ContentHash) => null,
        SkillStatus.NeedsApproval => $"Skill '{skill.Name}' has vetting warnings nobody approved yet, so it cannot be loaded. " +
                                     $"Ask the user to review it with 'chitin skills vet {skill.Directory}' and approve it with 'chitin skills enable {skill.Name}'.",
        _ => $"Skill '{skill.Name}' cannot be loaded.",
    };

    /// <summary>Rule and line only: an invalid skill's text (even its name value) stays out of the model's context.</summary>
    private static string InvalidWhere(SkillEntry skill) =>
        skill.Document.Findings.FirstOrDefault(f => f.Severity == FindingSeverity.Block) is { } finding
            ? finding.Line > 0 ? $"{finding.Rule} at {finding.File} line {finding.Line}" : finding.Rule
            : "no usable front matter";

    private ToolResult Load(SkillEntry skill, string sessionId)
    {
        var text = new StringBuilder();
        text.Append("Skill '").Append(skill.Name).Append("' (folder ").Append(skill.Directory).Append("):\n\n");
        text.Append(skill.Document.Body.Trim()).Append('\n');

        var files = SkillFiles.List(skill.Directory, out var truncated);
        if (files.Count > 0)
        {
            text.Append("\nFiles of this skill (read one with the skill tool: name \"").Append(skill.Name).Append("\", file \"<path>\"):\n");
            foreach (var (path, size) in files)
            {
                text.Append("- ").Append(path).Append(" (").Append(SkillFiles.Size(size)).Append(")\n");
            }

            if (truncated)
            {
                text.Append("- … more files not listed\n");
            }
        }

        if (files.Any(f => f.Key.StartsWith("scripts/", StringComparison.Ordinal)))
        {
            text.Append("\nRun its scripts with run_shell using their full path, e.g. ")
                .Append(Path.Join(skill.Directory, files.First(f => f.Key.StartsWith("scripts/", StringComparison.Ordinal)).Key))
                .Append("; they go through the sandbox and permissions like any command.\n");
        }

        var result = text.ToString();
        _state.RecordLoad(sessionId, skill);
        _onLoad?.Invoke(new SkillLoad(sessionId, skill.Name, skill.ContentHash, _counter.CountTokens(result)));
        return ToolResult.Ok(result);
    }

    private static ToolResult ReadFile(SkillEntry skill, string file)
    {
        var path = SkillFiles.Confine(skill.Directory, file, out var refused);
        if (path is null)
        {
            return ToolResult.Error(refused!);
        }

        try
        {
            var content = SkillFiles.ReadText(path, file, MaxFileBytes, out var unreadable);
            return content is null
                ? ToolResult.Error(unreadable!)
                : ToolResult.Ok($"File '{file}' of skill '{skill.Name}':\n\n{content}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ToolResult.Error($"'{file}' of skill '{skill.Name}' could not be read: {ex.Message}");
        }
    }

    private static string NotFound(string name, SkillCatalog catalog)
    {
        var available = catalog.Available.Select(s => s.Name).ToArray();
        var close = available.Where(n => n.Contains(name, StringComparison.OrdinalIgnoreCase) || name.Contains(n, StringComparison.OrdinalIgnoreCase)).Take(5).ToArray();
        var hint = close.Length > 0
            ? $" Did you mean {string.Join(", ", close.Select(n => $"'{n}'"))}?"
            : available.Length > 0 ? " Use skill_search to find a skill by topic." : " No skills are available.";
        return $"No skill named '{name}'.{hint}";
    }
}
