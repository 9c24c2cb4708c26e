namespace Chitin.Cli.Commands;

/// <summary><c>chitin usage</c>: calls, tokens, cache hits and cost from the local database.</summary>
public static class UsageCommand
{
    private const string Description =
        """
        Report model usage recorded in CHITIN_HOME/chitin.db: calls, input tokens, cached input tokens,
        cache-hit rate, output tokens and cost in USD, grouped by day, session, model, agent or endpoint.

        Examples:
          chitin usage
          chitin usage --by model --since 7d
          chitin usage --by session --since 2026-11-01 --json
        """;

    public static Command Create(CommandRuntime runtime)
    {
        var by = new Option<string>("--by")
        {
            Description = "How to group rows: day, session, model, agent or endpoint.",
            DefaultValueFactory = _ => "day",
            HelpName = "group",
        };
        by.AcceptOnlyFromAmong("day", "session", "model", "agent", "endpoint");
        var since = new Option<string?>("--since")
        {
            Description = "Only usage after this: a span back from now (30m, 24h, 7d, 2w) or a date (2026-11-01).",
            HelpName = "when",
        };
        var json = CommonOptions.Json("the report");
        var command = new Command("usage", Description) { by, since, json };
        command.SetAction((parse, ct) => ExecuteAsync(runtime, parse.GetValue(by) ?? "day", parse.GetValue(since), parse.GetValue(json), ct));
        return command;
    }

    private static async Task<int> ExecuteAsync(CommandRuntime runtime, string by, string? sinceText, bool json, CancellationToken cancellationToken)
    {
        if (!SinceParser.TryParse(sinceText, runtime.Context.Time.GetUtcNow(), out var since))
        {
            return runtime.Fail(ExitCodes.UsageError, $"--since '{sinceText}' is neither a span (30m, 24h, 7d, 2w) nor a date (2026-11-01)");
        }

        var grouping = Enum.Parse<UsageGrouping>(by, ignoreCase: true);
        await using var store = await StoreOpener.OpenAsync(runtime.Paths, cancellationToken);
        var rows = await store.SummarizeAsync(grouping, since, cancellationToken);
        var total = UsageSummary.Total(rows);

        if (json)
        {
            var report = new UsageReportOutput(by, since, rows.Select(UsageRowOutput.From).ToList(), UsageRowOutput.From(total));
            runtime.Context.Out.WriteLine(JsonSerializer.Serialize(report, CliJsonContext.Default.UsageReportOutput));
            return ExitCodes.Ok;
        }

        if (rows.Count == 0)
        {
            runtime.Error.Line(Spectre.Console.Markup.Escape($"no usage recorded{(since is null ? "" : " since " + Units.Time(since.Value))} in {runtime.Paths.DatabaseFile}"));
            return ExitCodes.Ok;
        }

        runtime.Output.Table(
            [by, "calls", "input", "cached", "cache hit", "output", "cost"],
            rows.Append(total).Select(Row),
            1, 2, 3, 4, 5, 6);
        return ExitCodes.Ok;
    }

    private static IReadOnlyList<string> Row(UsageSummary s) =>
        [s.Key, Units.Tokens(s.Calls), Units.Tokens(s.InputTokens), Units.Tokens(s.CachedInputTokens), Units.Percent(s.CacheHitRate), Units.Tokens(s.OutputTokens), Units.Usd(s.CostUsd)];
}
