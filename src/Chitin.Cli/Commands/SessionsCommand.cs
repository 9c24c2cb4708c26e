namespace Chitin.Cli.Commands;

/// <summary><c>chitin sessions list|show|export|compact|delete|rewind|checkpoints</c>: the saved conversations.</summary>
public static class SessionsCommand
{
    private const string Description =
        """
        List, show, export, compact, delete and rewind saved sessions (CHITIN_HOME/chitin.db).
        Continue one with 'chitin chat --resume <id>' or 'chitin run --session <id> "<task>"'.

        Examples:
          chitin sessions list
          chitin sessions show 20261123-101500-a1b2c3
          chitin sessions export 20261123-101500-a1b2c3 --format md --out transcript.md
          chitin sessions compact 20261123-101500-a1b2c3
          chitin sessions delete 20261123-101500-a1b2c3
          chitin sessions checkpoints 20261123-101500-a1b2c3
          chitin sessions rewind 20261123-101500-a1b2c3 --turns 2
        """;

    public static Command Create(CommandRuntime runtime)
    {
        var command = new Command("sessions", Description)
        {
            CreateList(runtime),
            CreateShow(runtime),
            CreateExport(runtime),
            CreateCompact(runtime),
            CreateDelete(runtime),
            Checkpoints.CheckpointCommands.CreateRewind(runtime),
            Checkpoints.CheckpointCommands.CreateList(runtime),
        };
        return command;
    }

    private static Argument<string> SessionId() => new("id") { Description = "Session id, as shown by 'chitin sessions list'." };

    private static Command CreateList(CommandRuntime runtime)
    {
        var limit = new Option<int>("--limit", "-n") { Description = "Most sessions to list, newest first.", DefaultValueFactory = _ => 20, HelpName = "N" };
        var json = CommonOptions.Json("the sessions");
        var command = new Command("list", "List saved sessions, most recently updated first.") { limit, json };
        command.SetAction(async (parse, ct) =>
        {
            var max = parse.GetValue(limit);
            if (max <= 0)
            {
                return runtime.Fail(ExitCodes.UsageError, $"--limit must be a positive integer, got {max}");
            }

            await using var store = await StoreOpener.OpenAsync(runtime.Paths, ct);
            var sessions = await store.ListSessionsAsync(max, ct);
            var list = sessions.ToList();
            return runtime.PrintTable(
                parse.GetValue(json),
                list,
                CliJsonContext.Default.ListSessionInfo,
                list,
                "no sessions yet; start one with chitin run \"...\" or chitin chat",
                ["id", "updated", "status", "model", "messages", "title"],
                s => [s.Id, Units.Time(s.UpdatedAt), Name(s.Status), s.Model ?? "", s.MessageCount.ToString(CultureInfo.InvariantCulture), Units.OneLine(s.Title, 50)],
                4);
        });
        return command;
    }

    private static Command CreateShow(CommandRuntime runtime)
    {
        var id = SessionId();
        var json = CommonOptions.Json("the session and all its messages");
        var command = new Command("show", "Show a session's details and transcript.") { id, json };
        command.SetAction((parse, ct) => WithTranscriptAsync(runtime, parse.GetValue(id)!, async (store, session, messages) =>
        {
            if (parse.GetValue(json))
            {
                runtime.Context.Out.WriteLine(JsonSerializer.Serialize(new SessionTranscriptOutput(session, messages), CliJsonContext.Default.SessionTranscriptOutput));
                return ExitCodes.Ok;
            }

            var usage = await store.LoadUsageAsync(session.Id, ct);
            var totals = Core.Agents.RunTotals.Of(usage);
            runtime.Output.Table(
                ["field", "value"],
                [
                    ["id", session.Id],
                    ["title", session.Title],
                    ["status", Name(session.Status)],
                    ["model", session.Model ?? ""],
                    ["workspace", session.Workspace],
                    ["created", Units.Time(session.CreatedAt)],
                    ["updated", Units.Time(session.UpdatedAt)],
                    ["messages", messages.Count.ToString(CultureInfo.InvariantCulture)],
                    ["usage", $"{totals.ModelCalls} model calls · {HumanRunRenderer.Counter(totals)}"],
                ]);
            runtime.Context.Out.WriteLine();
            runtime.Context.Out.Write(new MarkdownTranscriptExporter { MaxResultChars = 600 }.Render(session, messages));
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command CreateExport(CommandRuntime runtime)
    {
        var id = SessionId();
        var format = new Option<string>("--format")
        {
            Description = "jsonl: one message per line as JSON (for programs); md: a readable Markdown transcript.",
            DefaultValueFactory = _ => "md",
            HelpName = "format",
        };
        format.AcceptOnlyFromAmong([.. TranscriptExporters.Formats]);
        var output = new Option<string?>("--out", "-o") { Description = "Write to this file instead of stdout.", HelpName = "file" };
        var command = new Command("export", "Export a session's transcript as JSON lines or Markdown.") { id, format, output };
        command.SetAction((parse, ct) => WithTranscriptAsync(runtime, parse.GetValue(id)!, async (_, session, messages) =>
        {
            var exporter = TranscriptExporters.Create(parse.GetValue(format) ?? "md");
            if (parse.GetValue(output) is not { } file)
            {
                await exporter.WriteAsync(session, messages, runtime.Context.Out, ct);
                return ExitCodes.Ok;
            }

            var path = Path.GetFullPath(file, runtime.Context.WorkingDirectory);
            try
            {
                await using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)))
                {
                    await exporter.WriteAsync(session, messages, writer, ct);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return runtime.Fail(ExitCodes.TaskFailed, $"cannot write {path}: {ex.Message}");
            }

            runtime.Error.Line(Spectre.Console.Markup.Escape($"wrote {messages.Count} messages to {path}"));
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command CreateCompact(CommandRuntime runtime)
    {
        var id = SessionId();
        var model = CommonOptions.Model();
        model.Description = "Model that writes the summary (default: the session's model, else the configured one).";
        var json = CommonOptions.Json("the outcome");
        var command = new Command(
            "compact",
            "Compact a session's context now: old tool results become stubs and, when that is not enough, the model summarises " +
            "the older turns. Nothing is deleted from the transcript; the summary call is metered. Prints tokens before and after.")
        {
            id, model, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            ChitinConfig config;
            try
            {
                config = runtime.LoadConfig(new ConfigOverrides { Model = parse.GetValue(model) });
            }
            catch (ConfigException ex)
            {
                return runtime.Fail(ex);
            }

            // No tool runs here: the host gives the store, the provider client and the tool set whose schemas count.
            await using var host = await ChitinHost.StartAsync(config, new HostOptions { Context = runtime.Context, Approver = new DefaultToolApprover(approveAll: false), Warn = runtime.Warn }, ct);
            var sessionId = parse.GetValue(id)!;
            if (await host.Store.GetSessionAsync(sessionId, ct) is not { } session)
            {
                return NotFound(runtime, sessionId);
            }

            CompactionResult result;
            try
            {
                var chosen = parse.GetValue(model) ?? session.Model ?? config.RequireModel();
                config.RequireProvider();
                using var stop = runtime.LinkInterrupts(ct);
                result = await SessionCompaction.CompactAsync(host, session, chosen, runtime.Context.Time, stop.Token);
            }
            catch (ConfigException ex)
            {
                return runtime.Fail(ex);
            }

            runtime.Print(parse.GetValue(json), CompactionOutput.From(result), CliJsonContext.Default.CompactionOutput, CompactionOutput.Describe(result));

            if (result.Compacted && result.Error is { } error)
            {
                runtime.Warn(error);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateDelete(CommandRuntime runtime)
    {
        var id = SessionId();
        var json = CommonOptions.Json("the outcome");
        var command = new Command("delete", "Delete a session with its messages and usage rows.") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreOpener.OpenAsync(runtime.Paths, ct);
            var sessionId = parse.GetValue(id)!;
            var deleted = await store.DeleteSessionAsync(sessionId, ct);

            // Its checkpoints' rows go now; objects no other checkpoint uses go at the next prune.
            await Checkpoints.CheckpointPruning.DeleteSessionAsync(runtime, store, sessionId, ct);
            if (parse.GetValue(json))
            {
                var result = new CommandResultOutput(deleted ? "deleted" : "not_found", SessionId: sessionId, Error: deleted ? null : $"no session '{sessionId}'");
                runtime.Context.Out.WriteLine(JsonSerializer.Serialize(result, CliJsonContext.Default.CommandResultOutput));
            }

            if (!deleted)
            {
                return NotFound(runtime, sessionId);
            }

            if (!parse.GetValue(json))
            {
                runtime.Output.Line(Spectre.Console.Markup.Escape($"deleted session {sessionId}"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Opens the store and runs <paramref name="action"/> with the session and its messages; an unknown id is a usage error.</summary>
    private static async Task<int> WithTranscriptAsync(
        CommandRuntime runtime,
        string sessionId,
        Func<SqliteChitinStore, SessionInfo, IReadOnlyList<SessionMessage>, Task<int>> action,
        CancellationToken cancellationToken)
    {
        await using var store = await StoreOpener.OpenAsync(runtime.Paths, cancellationToken);
        if (await store.GetSessionAsync(sessionId, cancellationToken) is not { } session)
        {
            return NotFound(runtime, sessionId);
        }

        return await action(store, session, await store.LoadMessagesAsync(sessionId, cancellationToken));
    }

    private static int NotFound(CommandRuntime runtime, string sessionId) =>
        runtime.Fail(ExitCodes.UsageError, $"no session '{sessionId}' in {runtime.Paths.DatabaseFile}; see 'chitin sessions list'");

    private static string Name(SessionStatus status) => status.ToString().ToLowerInvariant();
}
