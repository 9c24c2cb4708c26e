namespace Chitin.Agents.Budget;

/// <summary>
/// The caps of one agent's slice, kept in memory: slices live as long as their tree, and the money they book is
/// already in the usage store (every call's cost) and in the task's ledger (charges).
/// </summary>
internal sealed class InMemoryBudgetStore(BudgetCap cap) : IBudgetStore
{
    private readonly Lock _gate = new();
    private readonly List<SpendRecord> _spend = [];

    public Task<IReadOnlyList<BudgetCap>> LoadCapsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<BudgetCap>>([cap]);

    public Task SetCapAsync(BudgetCap cap, CancellationToken cancellationToken) =>
        throw new NotSupportedException("An agent's slice is fixed when it is spawned.");

    public Task RecordSpendAsync(SpendRecord spend, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _spend.Add(spend);
        }

        return Task.CompletedTask;
    }

    public Task<SpendTotal> SpentAsync(BudgetScope scope, DateTimeOffset since, string? runId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var total = default(SpendTotal);
            foreach (var s in _spend.Where(s => s.At >= since && (runId is null || s.RunId == runId)))
            {
                total += new SpendTotal(s.Usd, s.Tokens);
            }

            return Task.FromResult(total);
        }
    }
}
