using System.Text.Json;
using Chitin.Core.Permissions;
using Chitin.Core.Tools;

namespace Chitin.Security.Permissions;

/// <summary>What rules look at in one call, worked out once: the command's parts, the resolved paths, the host.</summary>
internal sealed class CallFacts
{
    private CallFacts(string toolName, ToolFamily family, ToolTraits traits, string workspace)
    {
        ToolName = toolName;
        Family = family;
        Traits = traits;
        Workspace = workspace;
    }

    public string ToolName { get; }

    public ToolFamily Family { get; }

    public ToolTraits Traits { get; }

    /// <summary>The call's workspace, absolute and normalised.</summary>
    public string Workspace { get; }

    public ParsedShellCommand? Shell { get; private init; }

    /// <summary>The target path as written, made absolute, and its symlink-resolved form when different.</summary>
    public IReadOnlyList<string> Paths { get; private init; } = [];

    public string? Host { get; private init; }

    /// <summary>The command, path or URL, for prompts.</summary>
    public string Summary { get; private init; } = "";

    public static CallFacts From(ToolApprovalRequest request, string home)
    {
        var tool = request.Tool;
        var family = ToolFamilies.Of(tool.Name);
        var workspace = WorkspaceOf(request.Context, home);
        switch (family)
        {
            case ToolFamily.Shell when StringArgument(request.Arguments, "command") is { } command:
                return new CallFacts(tool.Name, family, tool.Traits, workspace) { Shell = ShellCommandParser.Parse(command), Summary = command };
            case ToolFamily.FileRead or ToolFamily.FileEdit:
                var path = ArgumentOrDefault(request.Arguments, "path");
                if (path is null || path.Contains('\0', StringComparison.Ordinal))
                {
                    return new CallFacts(tool.Name, family, tool.Traits, workspace) { Summary = tool.Name };
                }

                var absolute = PathExpansion.ToAbsolute(path, workspace, home);
                var resolved = family == ToolFamily.FileEdit ? RealPath.ResolveForWrite(absolute) : RealPath.Resolve(absolute);
                return new CallFacts(tool.Name, family, tool.Traits, workspace)
                {
                    Paths = resolved == absolute ? [absolute] : [absolute, resolved],
                    Summary = absolute,
                };
            case ToolFamily.Web when StringArgument(request.Arguments, "url") is { } url:
                var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.IdnHost.Length > 0
                    ? uri.IdnHost.ToLowerInvariant().TrimEnd('.')
                    : null;
                return new CallFacts(tool.Name, family, tool.Traits, workspace) { Host = host, Summary = url };
            default:
                return new CallFacts(tool.Name, family, tool.Traits, workspace) { Summary = tool.Name };
        }
    }

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

    private static string? StringArgument(JsonElement arguments, string name) =>
        arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
