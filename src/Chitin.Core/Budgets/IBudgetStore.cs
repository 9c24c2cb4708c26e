namespace Chitin.Core.Budgets;

/// <summary>Durable budget caps and spend.</summary>
public interface IBudgetStore
{
    Task<IReadOnlyList<BudgetCap>> LoadCapsAsync(CancellationToken cancellationToken);

    /// <summary>Sets the cap of a scope and period, replacing the one there was.</summary>
    Task SetCapAsync(BudgetCap cap, CancellationToken cancellationToken);

    Task RecordSpendAsync(SpendRecord spend, CancellationToken cancellationToken);

    /// <summary>Spend in <paramref name="scope"/> since <paramref name="since"/>, or within one run when <paramref name="runId"/> is set.</summary>
    Task<SpendTotal> SpentAsync(BudgetScope scope, DateTimeOffset since, string? runId, CancellationToken cancellationToken);
}
