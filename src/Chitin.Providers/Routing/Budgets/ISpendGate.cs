namespace Chitin.Providers.Routing.Budgets;

/// <summary>What routing asks of budgets: may this call go to this endpoint, and what did it cost.</summary>
public interface ISpendGate
{
    /// <summary>Null when the call may be made; else which hard cap its worst case would cross.</summary>
    string? Check(string endpoint, double worstCaseUsd, long worstCaseTokens);

    /// <summary>Books a finished call. Returns the warnings it raised (soft caps or 80% of a hard cap), if any.</summary>
    Task<IReadOnlyList<string>> RecordAsync(string endpoint, decimal usd, long tokens, CancellationToken cancellationToken);
}
