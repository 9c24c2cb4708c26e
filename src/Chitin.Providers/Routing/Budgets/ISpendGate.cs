namespace Chitin.Providers.Routing.Budgets;

/// <summary>What routing asks of budgets: may this call go to this endpoint, and what did it cost.</summary>
/// <remarks><c>run</c> is the run the call belongs to (null when the caller is not an agent run).</remarks>
public interface ISpendGate
{
    /// <summary>Null when the call may be made; else which hard cap its worst case would cross.</summary>
    string? Check(BudgetRun? run, string endpoint, double worstCaseUsd, long worstCaseTokens);

    /// <summary>Books a finished call. Returns the warnings it raised (soft caps or 80% of a hard cap), if any.</summary>
    Task<IReadOnlyList<string>> RecordAsync(BudgetRun? run, string endpoint, decimal usd, long tokens, CancellationToken cancellationToken);
}
