namespace Chitin.Hosting.Routing;

/// <summary>Budget caps with what their current window has spent: <c>chitin budget show</c> and the web UI's Providers page.</summary>
public static class BudgetListing
{
    public static async Task<IReadOnlyList<BudgetRowOutput>> RowsAsync(string databaseFile, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var store = SqliteBudgetStore.Open(databaseFile);
        var rows = new List<BudgetRowOutput>();
        foreach (BudgetCap cap in await store.LoadCapsAsync(cancellationToken).ConfigureAwait(false))
        {
            // Run caps count one run at a time; between runs nothing is spent against them.
            SpendTotal spent = cap.Period == BudgetPeriod.Run ? default : await store.SpentAsync(cap.Scope, BudgetWindows.Start(cap.Period, now), null, cancellationToken).ConfigureAwait(false);
            rows.Add(new BudgetRowOutput(cap.Scope.ToString(), cap.Period.ToString().ToLowerInvariant(), cap.HardUsd, cap.SoftUsd, cap.HardTokens, spent.Usd, spent.Tokens));
        }

        return rows;
    }
}
