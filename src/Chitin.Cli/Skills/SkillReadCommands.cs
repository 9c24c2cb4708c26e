namespace Chitin.Cli.Skills;

/// <summary><c>chitin skills list|show|vet</c>.</summary>
internal static class SkillReadCommands
{
    public static Command List(CommandRuntime runtime)
    {
        var json = CommonOptions.Json("the skills and the shadowed ones");
        var command = new Command("list", "List the skills this folder sees, their status (available, needs approval, blocked, hidden, disabled, invalid) and why; and which are shadowed.") { json };
        command.SetAction((parse, ct) => SkillsSession.RunAsync(runtime, ct, (session, _) =>
        {
            var catalog = session.Discover();
            var versions = session.Library.List().ToDictionary(i => i.Name, i => i.Version, StringComparer.Ordinal);
            var output = new SkillListOutput(
                [.. catalog.Skills.Select(s => SkillOutput.From(s, versions.TryGetValue(s.Name, out var v) ? v : null))],
                [.. catalog.Shadowed.Select(s => SkillOutput.From(s))]);
            var asJson = parse.GetValue(json);
            runtime.PrintTable(
                asJson,
                output,
                CliJsonContext.Default.SkillListOutput,
                output.Skills,
                "no skills found; add one with chitin skills add <folder|zip> or put it in .chitin/skills/<name>/SKILL.md",
                ["name", "status", "origin", "description / reason"],
                s => [s.Name, s.Status, s.Origin, Units.OneLine(s.Status == "available" ? s.Description : s.Reason ?? s.Description, 70)]);
            var shownShadowed = asJson || output.Skills.Count == 0 ? [] : output.Shadowed;
            foreach (var shadowed in shownShadowed)
            {
                runtime.Error.Line($"[grey]{Spectre.Console.Markup.Escape($"shadowed: {shadowed.Name} in {shadowed.Directory} (a nearer skill of the same name wins: {shadowed.ShadowedBy})")}[/]");
            }

            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    public static Command Show(CommandRuntime runtime)
    {
        var name = new Argument<string>("name") { Description = "Skill name, as shown by chitin skills list." };
        var json = CommonOptions.Json("the skill, its body, findings and versions");
        var command = new Command("show", "Show a skill: where it comes from, its status, its findings and its instructions.") { name, json };
        command.SetAction((parse, ct) => SkillsSession.RunAsync(runtime, ct, (session, _) =>
        {
            var wanted = parse.GetValue(name)!;
            if (session.Discover().Find(wanted) is not { } entry)
            {
                return Task.FromResult(runtime.Fail(ExitCodes.TaskFailed, $"no skill named '{wanted}' here; see chitin skills list"));
            }

            var details = session.Library.Show(wanted);
            var findings = entry.Document.Findings.Concat(entry.Vetting?.Findings ?? []).ToList();
            var output = new SkillShowOutput(SkillOutput.From(entry, details?.Skill.Version), entry.Document.Body, findings, details?.History ?? []);
            if (parse.GetValue(json))
            {
                runtime.Context.Out.WriteLine(JsonSerializer.Serialize(output, CliJsonContext.Default.SkillShowOutput));
                return Task.FromResult(ExitCodes.Ok);
            }

            var s = output.Skill;
            runtime.Output.Table(
                ["field", "value"],
                [
                    ["name", s.Name],
                    ["description", s.Description],
                    ["status", s.Reason is null ? s.Status : $"{s.Status}: {s.Reason}"],
                    ["origin", s.Origin],
                    ["folder", s.Directory],
                    ["vetting", s.Verdict ?? "not vetted"],
                    ["allowed tools", string.Join(' ', s.AllowedTools)],
                    ["version", s.Version?.ToString(CultureInfo.InvariantCulture) ?? ""],
                ]);
            PrintFindings(runtime, findings);
            if (entry.Status is not Chitin.Skills.Discovery.SkillStatus.Blocked)
            {
                runtime.Context.Out.WriteLine();
                runtime.Context.Out.WriteLine(output.Body);
            }

            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    public static Command Vet(CommandRuntime runtime)
    {
        var path = new Argument<string>("path") { Description = "A skill folder (holding SKILL.md)." };
        var json = CommonOptions.Json("the verdict and findings");
        var command = new Command("vet", "Check a skill folder against the Agent Skills spec and Chitin's local security and quality rules. Exits 0 pass, 1 warn, 4 block.") { path, json };
        command.SetAction((parse, ct) => SkillsSession.RunAsync(runtime, ct, async (session, token) =>
        {
            var folder = Path.GetFullPath(parse.GetValue(path)!, runtime.Context.WorkingDirectory);
            if (!Directory.Exists(folder))
            {
                return runtime.Fail(ExitCodes.UsageError, $"'{folder}' is not a folder: name the skill folder that holds SKILL.md");
            }

            var known = session.Library.List().Select(i => i.Name).Where(n => !string.Equals(n, Path.GetFileName(folder), StringComparison.Ordinal)).ToList();
            var document = SkillDocument.Load(folder);
            var report = await session.Vetter.VetAsync(folder, known, token);
            var findings = document.Findings.Concat(report.Findings).ToList();
            var verdict = VetReport.VerdictOf(findings);
            if (parse.GetValue(json))
            {
                var output = new SkillVetOutput(folder, verdict.ToString().ToLowerInvariant(), report.ContentHash, findings);
                runtime.Context.Out.WriteLine(JsonSerializer.Serialize(output, CliJsonContext.Default.SkillVetOutput));
            }
            else
            {
                PrintFindings(runtime, findings);
                runtime.Output.Line(verdict switch
                {
                    VetVerdict.Block => "[red]blocked[/]: this skill will never reach the model",
                    VetVerdict.Warn => "[yellow]warnings[/]: review them; the skill is used only after chitin skills enable",
                    _ => "[green]pass[/]",
                });
            }

            return ExitCode(verdict);
        }));
        return command;
    }

    internal static int ExitCode(VetVerdict verdict) => verdict switch
    {
        VetVerdict.Block => ExitCodes.Blocked,
        VetVerdict.Warn => ExitCodes.TaskFailed,
        _ => ExitCodes.Ok,
    };

    internal static void PrintFindings(CommandRuntime runtime, IReadOnlyList<SkillFinding> findings)
    {
        if (findings.Count == 0)
        {
            return;
        }

        runtime.Output.Table(
            ["severity", "where", "rule", "finding"],
            findings
                .OrderByDescending(f => f.Severity)
                .ThenBy(f => f.File, StringComparer.Ordinal)
                .ThenBy(f => f.Line)
                .Select(f => (IReadOnlyList<string>)[
                    f.Severity.ToString().ToLowerInvariant(),
                    f.Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{f.File}:{f.Line}") : f.File,
                    f.Rule,
                    Units.OneLine(f.Excerpt.Length > 0 ? $"{f.Message} · {f.Excerpt}" : f.Message, 90)]));
    }
}
