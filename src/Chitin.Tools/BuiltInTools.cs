namespace Chitin.Tools;

/// <summary>The default tool set, in name order. run_shell, shell_output and shell_stop share one job registry.</summary>
public static class BuiltInTools
{
    /// <remarks>
    /// Dispose the tools that are <see cref="IDisposable"/> when done: run_shell then kills its background jobs
    /// and web_fetch releases its connections.
    /// </remarks>
    public static IReadOnlyList<ITool> CreateDefault(BuiltInToolOptions? options = null)
    {
        var validated = (options ?? BuiltInToolOptions.Default).Validated();
        var runShell = new RunShellTool(validated);
        return
        [
            new AskUserTool(validated.UserPrompter),
            new EditFileTool(validated),
            new GlobTool(validated),
            new GrepTool(validated),
            new ListDirTool(validated),
            new ReadFileTool(validated),
            runShell,
            new ShellOutputTool(runShell.Jobs),
            new ShellStopTool(runShell.Jobs),
            new TodoTool(),
            new WebFetchTool(validated),
            new WebSearchTool(validated.SearchProvider),
            new WriteFileTool(validated),
        ];
    }
}
