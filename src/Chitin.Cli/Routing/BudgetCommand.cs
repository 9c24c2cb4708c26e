namespace Chitin.Cli.Routing;

/// <summary><c>chitin budget show|set</c>: spend caps kept in CHITIN_HOME/chitin.db.</summary>
public static class BudgetCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var showJson = CommonOptions.Json("budgets and spend");
        var show = new Command("show", "Show budget caps and what their current window has spent.") { showJson };
        show.SetAction((parse, ct) => ShowAsync(runtime, parse.GetValue(showJson), ct));

        var scope = new Option<string>("--scope") { Description = "global, agent:<id>, session:<id> or endpoint:<name>.", Required = true, HelpName = "scope" };
        var daily = new Option<decimal?>("--daily") { Description = "Hard cap in USD per UTC day.", HelpName = "usd" };
        var weekly = new Option<decimal?>("--weekly") { Description = "Hard cap in USD per UTC week (from Monday).", HelpName = "usd" };
        var monthly = new Option<decimal?>("--monthly") { Description = "Hard cap in USD per calendar month.", HelpName = "usd" };
        var run = new Option<decimal?>("--run") { Description = "Hard cap in USD per run.", HelpName = "usd" };
        var soft = new Option<decimal?>("--soft") { Description = "Soft cap in USD: a warning when reached, no stop.", HelpName = "usd" };
        var setJson = CommonOptions.Json("the budgets after the change");
        var set = new Command("set", "Set a budget cap. A call whose worst case would cross a hard cap is not made; the run ends with status budget_exceeded.")
        {
            scope, daily, weekly, monthly, run, soft, setJson,
        };
        set.SetAction((parse, ct) =>
        {
            var periods = new (BudgetPeriod Period, decimal? Usd)[]
            {
                (BudgetPeriod.Day, parse.GetValue(daily)),
                (BudgetPeriod.Week, parse.GetValue(weekly)),
                (BudgetPeriod.Month, parse.GetValue(monthly)),
                (BudgetPeriod.Run, parse.GetValue(run)),
            }.Where(p => p.Usd is not null).ToList();
            return SetAsync(runtime, parse.GetValue(scope)!, periods, parse.GetValue(soft), parse.GetValue(setJson), ct);
        });

        return new Command("budget", "Spend caps in USD per scope (global, agent, session, endpoint) and period.") { show, set };
    }

    private static async Task<int> SetAsync(CommandRuntime runtime, string scopeText, List<(BudgetPeriod Period, decimal? Usd)> periods, decimal? soft, bool json, CancellationToken ct)
    {
        BudgetScope scope;
        try
        {
            scope = BudgetScope.Parse(scopeText);
        }
        catch (FormatException ex)
        {
            return runtime.Fail(ExitCodes.UsageError, ex.Message);
        }

        if (periods.Count != 1)
        {
            return runtime.Fail(ExitCodes.UsageError, "give exactly one of --daily, --weekly, --monthly or --run with the cap in USD, e.g. chitin budget set --scope global --daily 5");
        }

        if (periods[0].Usd < 0 || soft < 0 || soft > periods[0].Usd)
        {
            return runtime.Fail(ExitCodes.UsageError, "caps must be non-negative and --soft must not exceed the hard cap");
        }

        var store = SqliteBudgetStore.Open(runtime.Paths.DatabaseFile);
        await store.SetCapAsync(new BudgetCap(scope, periods[0].Period, periods[0].Usd, soft), ct);
        return await ShowAsync(runtime, json, ct);
    }

    private static async Task<int> ShowAsync(CommandRuntime runtime, bool json, CancellationToken ct)
    {
        var rows = (await BudgetListing.RowsAsync(runtime.Paths.DatabaseFile, runtime.Context.Time.GetUtcNow(), ct)).ToList();
        return runtime.PrintTable(
            json,
            rows,
            RoutingJsonContext.Default.ListBudgetRowOutput,
            rows,
            "no budgets set; set one with chitin budget set --scope global --daily <usd>",
            ["scope", "period", "hard", "soft", "spent"],
            r => [r.Scope, r.Period, Usd(r.HardUsd), Usd(r.SoftUsd), Usd(r.SpentUsd)],
            2, 3, 4);
    }

    private static string Usd(decimal? value) => value is { } usd ? "$" + usd.ToString("0.####", CultureInfo.InvariantCulture) : "-";
}
