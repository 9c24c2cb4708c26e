namespace Chitin.Cli.Checkpoints;

/// <summary><c>chitin sessions rewind</c> and <c>chitin sessions checkpoints</c>, and the rewind that chat's /undo and /rewind share.</summary>
public static class CheckpointCommands
{
    public static Command CreateRewind(CommandRuntime runtime)
    {
        var id = new Argument<string>("session") { Description = "Session id, as shown by 'chitin sessions list'." };
        var turns = new Option<int>("--turns") { Description = "How many turns to rewind (a rewind counts as a turn: rewinding it undoes it).", DefaultValueFactory = _ => 1, HelpName = "N" };
        var force = new Option<bool>("--force") { Description = "Overwrite files someone else changed since the checkpoint (otherwise the rewind stops and names them)." };
        var json = CommonOptions.Json("what was restored");
        var command = new Command("rewind", "Restore the files and the conversation to how they were before the last N turns.") { id, turns, force, json };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(turns);
            if (n < 1)
            {
                return runtime.Fail(ExitCodes.UsageError, $"--turns must be a positive integer, got {n}");
            }

            return await WithCheckpointsAsync(runtime, parse.GetValue(id)!, ct, (checkpoints, _, sessionId) =>
                RewindAsync(runtime, checkpoints, sessionId, n, parse.GetValue(force), parse.GetValue(json), ct));
        });
        return command;
    }

    public static Command CreateList(CommandRuntime runtime)
    {
        var id = new Argument<string>("session") { Description = "Session id, as shown by 'chitin sessions list'." };
        var json = CommonOptions.Json("the checkpoints and the files each turn changed");
        var command = new Command("checkpoints", "List a session's turns with the files each one changed.") { id, json };
        command.SetAction(async (parse, ct) =>
            await WithCheckpointsAsync(runtime, parse.GetValue(id)!, ct, async (checkpoints, store, sessionId) =>
            {
                var views = await checkpoints.ListAsync(sessionId, ct);
                var messages = await store.LoadMessagesAsync(sessionId, ct);
                var output = new CheckpointListOutput(sessionId, [.. views.Select(v => CheckpointOutput.From(v, PromptOf(v, messages)))]);
                return runtime.PrintTable(
                    parse.GetValue(json),
                    output,
                    CliJsonContext.Default.CheckpointListOutput,
                    output.Checkpoints,
                    $"no checkpoints for session {sessionId}: they are taken before each turn that may write",
                    ["#", "when", "kind", "state", "files changed", "prompt"],
                    c => [
                        c.Number.ToString(CultureInfo.InvariantCulture), Units.Time(c.CreatedAt), c.Kind, c.State,
                        c.Files.Count == 0 ? "-" : string.Join(", ", c.Files.Select(f => $"{Sign(f.Change)}{f.Path}")), Units.OneLine(c.Prompt, 40)],
                    0);
            }));
        return command;
    }

    /// <summary>Rewinds and prints the outcome; chat calls it with <paramref name="json"/> false.</summary>
    public static async Task<int> RewindAsync(CommandRuntime runtime, WorkspaceCheckpoints checkpoints, string sessionId, int turns, bool force, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(checkpoints);
        RewindResult result;
        try
        {
            result = await checkpoints.RewindAsync(sessionId, turns, force, ct);
        }
        catch (CheckpointException ex)
        {
            if (json)
            {
                runtime.Context.Out.WriteLine(JsonSerializer.Serialize(RewindOutput.Failed(sessionId, turns, ex), CliJsonContext.Default.RewindOutput));
            }

            return runtime.Fail(ex is RewindConflictException ? ExitCodes.TaskFailed : ExitCodes.UsageError, ex.Message);
        }

        if (json)
        {
            runtime.Context.Out.WriteLine(JsonSerializer.Serialize(RewindOutput.From(result), CliJsonContext.Default.RewindOutput));
            return ExitCodes.Ok;
        }

        var files = result.Files.Count == 0 ? "no file changed" : string.Join(", ", result.Files.Select(f => $"{Sign(FileChangeOutput.From(f).Change)}{f.Path}"));
        runtime.Output.Line(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"rewound {result.Turns} turn(s) of {sessionId}: {files}; {result.MessagesRewound} message(s) rewound, {result.MessagesRestored} restored. Undo this with another rewind of 1 turn.")));
        foreach (var note in result.Notes)
        {
            runtime.Warn(note);
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> WithCheckpointsAsync(CommandRuntime runtime, string sessionId, CancellationToken ct, Func<WorkspaceCheckpoints, ISessionStore, string, Task<int>> work)
    {
        if (!runtime.TryLoadConfig(out var config, out var failed))
        {
            return failed;
        }

        await using var store = await StoreOpener.OpenAsync(runtime.Paths, ct);
        if (await store.GetSessionAsync(sessionId, ct) is null)
        {
            return runtime.Fail(ExitCodes.UsageError, $"no session '{sessionId}' in {runtime.Paths.DatabaseFile}; see 'chitin sessions list'");
        }

        using var checkpoints = new WorkspaceCheckpoints(config.Checkpoints.ToOptions(config.Paths.Home, config.Paths.DatabaseFile), store);
        return await work(checkpoints, store, sessionId);
    }

    private static string? PromptOf(CheckpointView view, IReadOnlyList<SessionMessage> messages) =>
        view.Record.Kind == CheckpointKind.Rewind
            ? null
            : messages.FirstOrDefault(m => m.Sequence > view.Record.FromSequence && m.Role == MessageRole.User && m.Kind == MessageKind.Message)?.Text;

    private static string Sign(string change) => change switch
    {
        "created" => "+",
        "deleted" => "-",
        _ => "~",
    };
}
