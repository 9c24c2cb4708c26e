namespace Chitin.Cli.Commands;

/// <summary><c>chitin runs list|show &lt;task id&gt;</c>: agent trees as their ledgers on the bus (.chitin/runs) record them.</summary>
public static class RunsCommand
{
    private const string Description =
        """
        Show the agent trees of this workspace: each task's agents with status, tokens, cost and result paths, read
        from .chitin/runs/<task id>/ledger.jsonl (a task id is its orchestrator's session id).

        Examples:
          chitin runs list
          chitin runs show 20261206-101500-a1b2c3
          chitin runs show 20261206-101500-a1b2c3 --json
        """;

    public static Command Create(CommandRuntime runtime) => new("runs", Description) { CreateList(runtime), CreateShow(runtime) };

    private static Command CreateList(CommandRuntime runtime)
    {
        var json = CommonOptions.Json("the task trees");
        var command = new Command("list", "List the task trees of this workspace, most recent first.") { json };
        command.SetAction(parse =>
        {
            var workspace = runtime.Context.WorkingDirectory;
            var trees = RunFolders.ListTaskIds(workspace).Select(id => Read(workspace, id)).ToList();
            return runtime.PrintTable(
                parse.GetValue(json),
                trees,
                AgentsJsonContext.Default.ListRunTree,
                trees,
                $"no agent runs in {Path.Combine(workspace, RunFolders.RunsFolder)}; they appear when an agent calls agents_spawn (config \"agents\": {{ \"enabled\": true }})",
                ["task", "started", "agents", "running", "tokens", "cost"],
                t =>
                [
                    t.TaskId,
                    t.StartedAt is { } at ? Units.Time(at) : "",
                    t.Agents.Count.ToString(CultureInfo.InvariantCulture),
                    t.Agents.Count(a => !LedgerReplay.IsFinal(a.Status)).ToString(CultureInfo.InvariantCulture),
                    t.Tokens.ToString(CultureInfo.InvariantCulture),
                    Usd(t.CostUsd),
                ],
                2, 3, 4, 5);
        });
        return command;
    }

    private static Command CreateShow(CommandRuntime runtime)
    {
        var id = new Argument<string>("task") { Description = "Task id, as shown by 'chitin runs list'." };
        var json = CommonOptions.Json("the tree");
        var command = new Command("show", "Show one task's agents as a tree: status, tokens, cost and result path.") { id, json };
        command.SetAction(parse =>
        {
            var workspace = runtime.Context.WorkingDirectory;
            var taskId = parse.GetValue(id)!;
            var folders = new RunFolders(workspace, taskId);
            if (taskId.Contains('/', StringComparison.Ordinal) || !File.Exists(folders.LedgerPath))
            {
                var known = RunFolders.ListTaskIds(workspace);
                return runtime.Fail(ExitCodes.UsageError, $"no task '{taskId}' in {Path.Combine(workspace, RunFolders.RunsFolder)}; "
                    + (known.Count == 0 ? "there are none yet" : $"see 'chitin runs list' ({string.Join(", ", known.Take(5))})"));
            }

            var tree = Read(workspace, taskId);
            if (parse.GetValue(json))
            {
                runtime.Context.Out.WriteLine(JsonSerializer.Serialize(tree, AgentsJsonContext.Default.RunTree));
                return ExitCodes.Ok;
            }

            runtime.Output.Line(Spectre.Console.Markup.Escape($"task {tree.TaskId} · {tree.Agents.Count} agents · {tree.Tokens} tokens · {Usd(tree.CostUsd)} · {tree.Folder}/"));
            runtime.Output.Table(
                ["agent", "status", "tokens", "cost", "result", "task"],
                Ordered(tree, "root", 0).Select(row => (IReadOnlyList<string>)
                [
                    new string(' ', row.Depth * 2) + row.Row.Agent,
                    StoredNames.Name(row.Row.Status),
                    row.Row.Tokens.ToString(CultureInfo.InvariantCulture),
                    Usd(row.Row.CostUsd),
                    row.Row.ResultPath ?? "",
                    Units.OneLine(row.Row.Task, 50),
                ]),
                2, 3);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static RunTree Read(string workspace, string taskId)
    {
        var folders = new RunFolders(workspace, taskId);
        return LedgerReplay.Replay(folders, RunLedger.Read(folders.LedgerPath));
    }

    private static IEnumerable<(AgentStatusRow Row, int Depth)> Ordered(RunTree tree, string parent, int depth)
    {
        foreach (var row in tree.Agents.Where(a => a.Parent == parent))
        {
            yield return (row, depth);
            foreach (var below in Ordered(tree, row.Agent, depth + 1))
            {
                yield return below;
            }
        }
    }

    private static string Usd(decimal usd) => "$" + usd.ToString("0.####", CultureInfo.InvariantCulture);
}
