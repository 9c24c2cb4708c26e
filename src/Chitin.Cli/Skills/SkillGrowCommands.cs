namespace Chitin.Cli.Skills;

/// <summary><c>chitin skills distill|stats</c>: skills grown from successful runs, and how the skills in use perform.</summary>
internal static class SkillGrowCommands
{
    public static Command Distill(CommandRuntime runtime)
    {
        var session = new Argument<string>("session") { Description = "Id of a successful session (chitin sessions list)." };
        var model = CommonOptions.Model();
        var json = CommonOptions.Json("the outcome and the drafted SKILL.md");
        var command = new Command("distill", "Turn a successful session into a draft skill (one bounded model call), checked against the spec and the vetter. A draft close to an existing skill becomes its next version.") { session, model, json };
        command.SetAction((parse, ct) => SkillsSession.RunAsync(runtime, ct, async (skills, token) =>
        {
            var config = skills.Config;
            var chosen = parse.GetValue(model) ?? config.Model
                ?? throw new ConfigException("no model configured: pass --model <id>, set CHITIN_MODEL, or set \"model\" in config");
            config.RequireProvider();
            using var clients = new ChatClientCache(config);
            var (client, providerName) = clients.Get(chosen);
            await using var store = await StoreOpener.OpenAsync(config.Paths, token);
            var distiller = new SkillDistiller(client, store, store, skills.Vetter, skills.Library, new SkillDistillOptions { Model = chosen, ProviderName = providerName, Prices = config.Prices }, runtime.Context.Time);
            using var stop = runtime.LinkInterrupts(token);
            var result = await distiller.DistillAsync(parse.GetValue(session)!, stop.Token);
            if (parse.GetValue(json))
            {
                runtime.Context.Out.WriteLine(JsonSerializer.Serialize(result, CliJsonContext.Default.DistillResult));
            }
            else if (result.Stored)
            {
                SkillReadCommands.PrintFindings(runtime, [.. result.Findings]);
                runtime.Output.Line(string.Create(CultureInfo.InvariantCulture, $"drafted {result.Name} version {result.Version} in {result.Directory}") +
                    (result.DuplicateOf is { } of ? $" (a new version of {of})" : ""));
                runtime.Error.Line($"review it with chitin skills show {result.Name}, then chitin skills enable {result.Name}");
            }
            else
            {
                SkillReadCommands.PrintFindings(runtime, [.. result.Findings]);
                runtime.Fail(ExitCodes.TaskFailed, $"no skill drafted: {result.Reason ?? result.Outcome.ToString()}");
            }

            return result.Stored ? ExitCodes.Ok : result.Outcome == DistillOutcome.Blocked ? ExitCodes.Blocked : ExitCodes.TaskFailed;
        }));
        return command;
    }

    public static Command Stats(CommandRuntime runtime)
    {
        var since = new Option<string?>("--since") { Description = "Only runs since then: 7d, 24h, or a date.", HelpName = "when" };
        var json = CommonOptions.Json("the figures");
        var command = new Command("stats", "Per skill: times loaded, success rate of the runs that loaded it, tokens it added; flags skills whose runs fail more often than runs without them.") { since, json };
        command.SetAction((parse, ct) => SkillsSession.RunAsync(runtime, ct, async (skills, token) =>
        {
            DateTimeOffset? from = null;
            if (parse.GetValue(since) is { } text)
            {
                if (!SinceParser.TryParse(text, runtime.Context.Time.GetUtcNow(), out var parsed) || parsed is null)
                {
                    return runtime.Fail(ExitCodes.UsageError, $"--since must be like 7d, 24h or 2026-11-01, got '{text}'");
                }

                from = parsed;
            }

            await using var store = await StoreOpener.OpenAsync(skills.Config.Paths, token);
            using var log = await SkillUsageLog.OpenAsync(skills.Config.Paths.DatabaseFile, runtime.Context.Time, token);
            var report = await new SkillStatsCalculator(log, store).ComputeAsync(from, token);
            return runtime.PrintTable(
                parse.GetValue(json),
                report,
                CliJsonContext.Default.SkillStatsReport,
                report.Skills,
                "no skill was loaded yet",
                ["skill", "loaded", "runs", "success", "without", "tokens/load", "flag"],
                s => [
                    s.Name,
                    s.TimesLoaded.ToString(CultureInfo.InvariantCulture),
                    s.Runs.ToString(CultureInfo.InvariantCulture),
                    s.SuccessRate is { } rate ? Units.Percent(rate) : "",
                    s.SuccessRateWithout is { } without ? Units.Percent(without) : "",
                    s.AverageTokensPerLoad.ToString("0", CultureInfo.InvariantCulture),
                    s.Flagged ? s.FlagReason ?? "flagged" : ""],
                1, 2, 3, 4, 5);
        }));
        return command;
    }
}
