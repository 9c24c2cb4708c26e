namespace Chitin.Agents.Bus;

/// <summary>
/// Where one task's files live: <c>.chitin/runs/&lt;task id&gt;/</c> in the workspace, with <c>plan.md</c>,
/// <c>ledger.jsonl</c> and <c>agents/&lt;id&gt;/</c> holding <c>brief.md</c>, <c>out/</c>, <c>result.md</c> and
/// <c>transcript.jsonl</c>.
/// </summary>
public sealed class RunFolders
{
    public const string RunsFolder = ".chitin/runs";

    public RunFolders(string workspace, string taskId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspace);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        Workspace = Path.GetFullPath(workspace);
        TaskId = taskId;
        Root = Path.Combine(Workspace, RunsFolder, taskId);
    }

    public string Workspace { get; }

    public string TaskId { get; }

    public string Root { get; }

    public string PlanPath => Path.Combine(Root, "plan.md");

    public string LedgerPath => Path.Combine(Root, "ledger.jsonl");

    public string AgentFolder(string agentId) => Path.Combine(Root, "agents", agentId);

    public string BriefPath(string agentId) => Path.Combine(AgentFolder(agentId), "brief.md");

    public string OutFolder(string agentId) => Path.Combine(AgentFolder(agentId), "out");

    public string ResultPath(string agentId) => Path.Combine(AgentFolder(agentId), "result.md");

    public string TranscriptPath(string agentId) => Path.Combine(AgentFolder(agentId), "transcript.jsonl");

    /// <summary>A path as the model and the user see it: relative to the workspace, with forward slashes.</summary>
    public string Display(string path) => Path.GetRelativePath(Workspace, path).Replace('\\', '/');

    /// <summary>Every task folder under <paramref name="workspace"/>, newest first.</summary>
    public static IReadOnlyList<string> ListTaskIds(string workspace)
    {
        var runs = Path.Combine(Path.GetFullPath(workspace), RunsFolder);
        return Directory.Exists(runs)
            ? Directory.GetDirectories(runs).Where(d => File.Exists(Path.Combine(d, "ledger.jsonl")))
                .OrderByDescending(d => File.GetLastWriteTimeUtc(Path.Combine(d, "ledger.jsonl")))
                .Select(Path.GetFileName).OfType<string>().ToList()
            : [];
    }
}
