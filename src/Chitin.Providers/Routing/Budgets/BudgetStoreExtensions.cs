namespace Chitin.Providers.Routing.Budgets;

internal static class BudgetStoreExtensions
{
    /// <summary>Spend a cap counts: the run's for run caps, else the window's since <paramref name="windowStart"/>.</summary>
    public static Task<SpendTotal> SpendAsync(this IBudgetStore store, BudgetCap cap, DateTimeOffset windowStart, string runId, CancellationToken cancellationToken) =>
        store.SpentAsync(cap.Scope, windowStart, cap.Period == BudgetPeriod.Run ? runId : null, cancellationToken);
}
