namespace Chitin.Security.Permissions;

/// <summary>What rules look at in one call, worked out once: the command's parts, the resolved paths, the host.</summary>
internal sealed class CallFacts(ITool tool, string workspace, ToolRegistry? tools)
{
    public string ToolName { get; } = tool.Name;

    /// <summary>The argument the tool declares for rules to look at.</summary>
    public ToolSubject Subject { get; } = tool.Subject;

    public ToolTraits Traits { get; } = tool.Traits;

    /// <summary>The call's workspace, absolute and normalised.</summary>
    public string Workspace { get; } = workspace;

    public ParsedShellCommand? Shell { get; private init; }

    /// <summary>The target path as written, made absolute, and its symlink-resolved form when different.</summary>
    public IReadOnlyList<string> Paths { get; private init; } = [];

    /// <summary>
    /// The path's links loop, so it has no real path: never "inside the workspace", as workspace confinement
    /// refuses it too.
    /// </summary>
    public bool LinkLoop { get; private init; }

    public string? Host { get; private init; }

    /// <summary>The command, path or URL, for prompts.</summary>
    public string Summary { get; private init; } = "";

    public static CallFacts From(ToolApprovalRequest request, string home)
    {
        var tool = request.Tool;
        var subject = tool.Subject;
        var workspace = WorkspaceOf(request.Context, home);
        var facts = new CallFacts(tool, workspace, request.Tools) { Summary = tool.Name };
        switch (subject.Kind)
        {
            case ToolSubjectKind.Command when subject.ValueIn(request.Arguments) is { } command:
                return new CallFacts(tool, workspace, request.Tools) { Shell = ShellCommandParser.Parse(command), Summary = command };
            case ToolSubjectKind.ReadPath or ToolSubjectKind.EditPath:
                var path = ArgumentOrDefault(request.Arguments, subject.Argument);
                if (path is null || path.Contains('\0', StringComparison.Ordinal))
                {
                    return facts;
                }

                var absolute = PathExpansion.ToAbsolute(path, workspace, home);
                var resolved = subject.Kind == ToolSubjectKind.EditPath ? RealPath.ResolveForWrite(absolute) : RealPath.Resolve(absolute);
                return new CallFacts(tool, workspace, request.Tools)
                {
                    Paths = resolved is null || resolved == absolute ? [absolute] : [absolute, resolved],
                    LinkLoop = resolved is null,
                    Summary = absolute,
                };
            case ToolSubjectKind.Url when subject.ValueIn(request.Arguments) is { } url:
                var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.IdnHost.Length > 0
                    ? uri.IdnHost.ToLowerInvariant().TrimEnd('.')
                    : null;
                return new CallFacts(tool, workspace, request.Tools) { Host = host, Summary = url };
            default:
                return facts;
        }
    }

    /// <summary>The subject kind another tool of the run declares; null when the run's tools are unknown or it has none.</summary>
    public ToolSubjectKind? KindOf(string toolName) =>
        tools is not null && tools.TryGet(toolName, out var other) ? other.Subject.Kind : null;

    /// <summary>The call's workspace, absolute and normalised; the current directory is read (a system call) only for a relative one.</summary>
    public static string WorkspaceOf(ToolContext context, string home)
    {
        var workspace = context.Workspace;
        return PathExpansion.ToAbsolute(workspace, Path.IsPathRooted(workspace) ? "/" : Environment.CurrentDirectory, home);
    }

    /// <summary>File tools default to the workspace itself when "path" is absent; a non-string path is unusable.</summary>
    private static string? ArgumentOrDefault(JsonElement arguments, string name) =>
        arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : null
            : ".";
}
