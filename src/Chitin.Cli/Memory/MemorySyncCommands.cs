namespace Chitin.Cli.Memory;

/// <summary><c>chitin memory import|export|sync</c>: Markdown memory of OpenClaw, Claude Code, AGENTS.md and Nanobot.</summary>
internal static class MemorySyncCommands
{
    private const string Layouts =
        "Layouts: OpenClaw (MEMORY.md + memory/YYYY-MM-DD.md), Claude Code (CLAUDE.md), AGENTS.md, Nanobot (USER.md, MEMORY.md).";

    private const string ExportScopes =
        "Scopes: openclaw and nanobot carry your user and agent memories; claude and agents carry the project's into ./CLAUDE.md or ./AGENTS.md. " +
        "With --scope user or agent, claude writes Claude Code's ~/.claude/CLAUDE.md and agents writes Codex's ~/.codex/AGENTS.md. " +
        "Personal (user or agent) memories are never written into a git repository unless you name the file with --out.";

    public static Command Import(CommandRuntime runtime)
    {
        var path = new Argument<string>("path") { Description = "A Markdown memory file, or a folder holding them." };
        var progress = new Option<bool>("--progress") { Description = "Print one line per stored item (\"created mem_... file:line\") on stdout as soon as it is committed, before the summary." };
        var agent = MemoryOptions.Agent();
        var json = MemoryOptions.Json("the import report");
        var command = new Command("import", $"Import Markdown memory; each bullet or paragraph becomes an item. Re-importing never duplicates. {Layouts}") { path, progress, agent, json };
        command.SetAction((parse, ct) => MemorySession.RunAsync(runtime, parse.GetValue(agent)!, ct, async (session, token) =>
        {
            var target = Path.GetFullPath(parse.GetValue(path)!, runtime.Context.WorkingDirectory);
            if (!File.Exists(target) && !Directory.Exists(target))
            {
                throw new MemoryUsageException($"'{target}' does not exist: name a MEMORY.md, CLAUDE.md, AGENTS.md or USER.md file or a folder holding them");
            }

            var reporter = parse.GetValue(progress) ? new ImportProgressPrinter(runtime) : null;
            var report = await Sync(session).ImportAsync(target, session.Viewer, reporter, token);
            return Finish(runtime, parse.GetValue(json), report, JsonSerializer.Serialize(report, CliJsonContext.Default.MemoryImportReport), Summary(report));
        }));
        return command;
    }

    public static Command Export(CommandRuntime runtime)
    {
        var format = new Option<string>("--format") { Description = "openclaw, claude, agents or nanobot.", Required = true, HelpName = "format" };
        var output = new Option<string?>("--out", "-o") { Description = "File or folder to write (default: the format's usual file for the scope, see below).", HelpName = "path" };
        var scope = new Option<string?>("--scope") { Description = "Whose memories to write: user, project or agent (default: the format's own).", HelpName = "scope" };
        var agent = MemoryOptions.Agent();
        var json = MemoryOptions.Json("the export report");
        var command = new Command("export", $"Write current memories into another agent's Markdown memory. Only Chitin's own marked section is written; the rest of the file stays byte-identical. {Layouts} {ExportScopes}") { format, output, scope, agent, json };
        command.SetAction((parse, ct) => MemorySession.RunAsync(runtime, parse.GetValue(agent)!, ct, async (session, token) =>
        {
            var chosen = ParseFormat(parse.GetValue(format));
            var scopes = ParseExportScope(parse.GetValue(scope));
            var named = parse.GetValue(output);
            var target = Path.GetFullPath(named ?? DefaultTarget(chosen, scopes, runtime), runtime.Context.WorkingDirectory);
            if (named is null)
            {
                RefuseRepositoryForPersonalMemories(chosen, scopes, target);
                if (IsUserLevel(chosen, scopes))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                }
            }

            var report = await Sync(session).ExportAsync(chosen, target, session.Viewer, scopes, token);
            var text = string.Create(CultureInfo.InvariantCulture, $"exported {report.Items} items: {report.Added} added, {report.Refreshed} refreshed, {report.Removed} removed; wrote {report.FilesWritten.Count} files, {report.FilesUnchanged.Count} unchanged");
            return Finish(runtime, parse.GetValue(json), report.Errors, JsonSerializer.Serialize(report, CliJsonContext.Default.MemoryExportReport), text);
        }));
        return command;
    }

    public static Command Sync(CommandRuntime runtime)
    {
        var folder = new Argument<string>("folder") { Description = "Folder holding the Markdown memory files (e.g. the project root or an OpenClaw workspace)." };
        var agent = MemoryOptions.Agent();
        var json = MemoryOptions.Json("the sync report");
        var command = new Command("sync", $"Two-way sync: pick up edits made in the files since the last sync, then write Chitin's section. A change made on both sides is reported as a conflict, never overwritten. {Layouts}") { folder, agent, json };
        command.SetAction((parse, ct) => MemorySession.RunAsync(runtime, parse.GetValue(agent)!, ct, async (session, token) =>
        {
            var target = Path.GetFullPath(parse.GetValue(folder)!, runtime.Context.WorkingDirectory);
            if (!Directory.Exists(target))
            {
                throw new MemoryUsageException($"'{target}' is not a folder: name the folder that holds MEMORY.md, CLAUDE.md or AGENTS.md");
            }

            var report = await Sync(session).SyncAsync(target, session.Viewer, token);
            var text = Summary(report.Import) + string.Create(CultureInfo.InvariantCulture, $"; wrote {report.Export.FilesWritten.Count} files");
            var code = Finish(runtime, parse.GetValue(json), report.Errors, JsonSerializer.Serialize(report, CliJsonContext.Default.MemorySyncReport), text);
            return code == ExitCodes.Ok && report.Conflicts.Count > 0 ? ExitCodes.TaskFailed : code;
        }));
        return command;
    }

    private static MarkdownMemorySync Sync(MemorySession session) => new(session.Store, session.Runtime.Context.Time);

    private static MarkdownMemoryFormat ParseFormat(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "openclaw" => MarkdownMemoryFormat.OpenClaw,
        "claude" => MarkdownMemoryFormat.Claude,
        "agents" => MarkdownMemoryFormat.Agents,
        "nanobot" => MarkdownMemoryFormat.Nanobot,
        _ => throw new MemoryUsageException($"--format must be openclaw, claude, agents or nanobot, got '{text}'"),
    };

    private static MemoryScope[]? ParseExportScope(string? text) => MemoryOptions.ParseScope(text) switch
    {
        null => null,
        MemoryScope.Session => throw new MemoryUsageException("--scope for export must be user, project or agent: session memories are never exported"),
        var scope => [scope.Value],
    };

    /// <summary>Claude Code and Codex keep the user's own memory in their home folders; the project's lives in the repository.</summary>
    private static bool IsUserLevel(MarkdownMemoryFormat format, MemoryScope[]? scopes) =>
        format is MarkdownMemoryFormat.Claude or MarkdownMemoryFormat.Agents && scopes is not null && !scopes.Contains(MemoryScope.Project);

    private static string DefaultTarget(MarkdownMemoryFormat format, MemoryScope[]? scopes, CommandRuntime runtime)
    {
        if (IsUserLevel(format, scopes))
        {
            var home = runtime.Context.Environment.TryGetValue("HOME", out var value) && value.Length > 0
                ? value
                : throw new MemoryUsageException("HOME is not set, so the user-level file is unknown: name it with --out");
            return format == MarkdownMemoryFormat.Claude ? Path.Combine(home, ".claude", "CLAUDE.md") : Path.Combine(home, ".codex", "AGENTS.md");
        }

        return format switch
        {
            MarkdownMemoryFormat.Claude => "CLAUDE.md",
            MarkdownMemoryFormat.Agents => "AGENTS.md",
            _ => ".",
        };
    }

    /// <summary>Personal memories written by default into the current folder must not end up committed with a repository.</summary>
    private static void RefuseRepositoryForPersonalMemories(MarkdownMemoryFormat format, MemoryScope[]? scopes, string target)
    {
        var personal = scopes?.Any(s => s is MemoryScope.User or MemoryScope.Agent)
            ?? format is MarkdownMemoryFormat.OpenClaw or MarkdownMemoryFormat.Nanobot;
        if (personal && GitRepository.RootOf(Directory.Exists(target) ? target : Path.GetDirectoryName(target)!) is { } repository)
        {
            throw new MemoryUsageException(
                $"'{target}' is inside the git repository '{repository}', and this export writes personal (user or agent) memories. " +
                "Name the file or folder with --out if you do want them there, or export --scope project.");
        }
    }

    private static string Summary(MemoryImportReport report) => string.Create(
        CultureInfo.InvariantCulture,
        $"{report.Files.Count} files: {report.Created} created, {report.Updated} updated, {report.Superseded} superseded, {report.Removed} removed, {report.Unchanged} unchanged, {report.Conflicts.Count} conflicts");

    private static int Finish(CommandRuntime runtime, bool json, MemoryImportReport report, string reportJson, string summary)
    {
        var code = Finish(runtime, json, report.Errors, reportJson, summary);
        if (!json)
        {
            foreach (var conflict in report.Conflicts)
            {
                runtime.Warn($"{conflict.File}:{conflict.Line}: {conflict.ItemId} changed in the file and in the store since the last sync ({conflict.Kind}); nothing was overwritten");
            }

            foreach (var notice in report.Notices)
            {
                runtime.Error.Line($"{notice.File}:{notice.Line}: {notice.Message}");
            }
        }

        return code;
    }

    private static int Finish(CommandRuntime runtime, bool json, IReadOnlyList<MemoryFileError> errors, string reportJson, string summary)
    {
        if (json)
        {
            runtime.Context.Out.WriteLine(reportJson);
        }
        else
        {
            runtime.Output.Line(summary);
        }

        foreach (var error in errors)
        {
            runtime.Fail(ExitCodes.TaskFailed, error.Line is { } line ? $"{error.File}:{line}: {error.Message}" : $"{error.File}: {error.Message}");
        }

        return errors.Count > 0 ? ExitCodes.TaskFailed : ExitCodes.Ok;
    }

    /// <summary>Prints each committed item at once, so an interrupted import shows exactly what is stored.</summary>
    private sealed class ImportProgressPrinter(CommandRuntime runtime) : IProgress<MemoryImportProgress>
    {
        public void Report(MemoryImportProgress value)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"{value.Action.ToString().ToLowerInvariant()} {value.ItemId} {value.File}:{value.Line}");
            lock (runtime)
            {
                runtime.Context.Out.WriteLine(line);
                runtime.Context.Out.Flush();
            }
        }
    }
}
