namespace Chitin.Providers.Routing.Budgets;

/// <summary>
/// Budgets for a host that runs many runs through one routing client: one <see cref="BudgetLedger"/> per run, loaded
/// from the store when the run's first call is checked (caps and the current windows' spend) and kept in memory
/// after that, so later checks cost nothing. Calls outside a run count against a ledger of their own.
/// </summary>
public sealed class BudgetBook(Func<IBudgetStore> openStore, TimeProvider time) : ISpendGate
{
    private const int KeptRuns = 256;

    private static readonly BudgetRun Unattributed = new("none", "default", "none");

    private readonly Lazy<IBudgetStore> _store = new(openStore ?? throw new ArgumentNullException(nameof(openStore)));
    private readonly ConcurrentDictionary<string, Lazy<BudgetLedger>> _ledgers = new(StringComparer.Ordinal);

    public string? Check(BudgetRun? run, string endpoint, double worstCaseUsd, long worstCaseTokens) =>
        LedgerFor(run).Check(endpoint, worstCaseUsd, worstCaseTokens);

    public async Task<IReadOnlyList<string>> RecordAsync(BudgetRun? run, string endpoint, decimal usd, long tokens, CancellationToken cancellationToken)
    {
        run ??= Unattributed;
        var ledger = LedgerFor(run);
        var warnings = await ledger.RecordAsync(endpoint, usd, tokens, cancellationToken).ConfigureAwait(false);

        // Other runs' ledgers loaded their windows' spend when they started; tell them about this spend now.
        foreach (var other in _ledgers)
        {
            if (other.Key != run.RunId && other.Value.IsValueCreated)
            {
                other.Value.Value.Observe(run, endpoint, usd, tokens);
            }
        }

        return warnings;
    }

    private BudgetLedger LedgerFor(BudgetRun? run)
    {
        run ??= Unattributed;
        if (_ledgers.Count > KeptRuns)
        {
            // Finished runs' ledgers are only memory; a run still going reloads its spend from the store.
            _ledgers.Clear();
        }

        // The store is SQLite on the local disk, synchronous underneath: loading once per run here keeps every
        // later check of the run free of I/O.
        return _ledgers.GetOrAdd(run.RunId, _ => new Lazy<BudgetLedger>(
            () => BudgetLedger.LoadAsync(_store.Value, run, time, CancellationToken.None).GetAwaiter().GetResult())).Value;
    }
}
