namespace Chitin.Core.Tools;

/// <summary>Where a tool runs: the task's workspace, the session and its artifact folder.</summary>
public sealed record ToolContext(string Workspace, string SessionId, string ArtifactsDirectory)
{
    /// <summary>Agent profile name; "default" when none was chosen.</summary>
    public string Agent { get; init; } = "default";

    /// <summary>Extra directories file tools may read and write besides the workspace.</summary>
    public IReadOnlyList<string> AllowedDirectories { get; init; } = [];
}
