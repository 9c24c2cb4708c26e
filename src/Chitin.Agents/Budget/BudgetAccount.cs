namespace Chitin.Agents.Budget;

/// <summary>
/// One agent's share of its tree's budget: a <see cref="BudgetLedger"/> with one hard cap (the slice) when there is
/// one, plus the slices it has reserved for children still running. What a child did not spend flows back when it is
/// settled. Thread-safe.
/// </summary>
public sealed class BudgetAccount
{
    private readonly Lock _gate = new();
    private readonly BudgetLedger? _ledger;
    private decimal _spent;
    private long _tokens;
    private decimal _reserved;

    internal BudgetAccount(string key, decimal? limitUsd, TimeProvider time)
    {
        Key = key;
        LimitUsd = limitUsd;
        if (limitUsd is { } limit)
        {
            var run = new BudgetRun(key, key, key);
            var store = new InMemoryBudgetStore(new BudgetCap(BudgetScope.Session(key), BudgetPeriod.Run, limit));
            _ledger = BudgetLedger.LoadAsync(store, run, time, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    public string Key { get; }

    /// <summary>A child's slice, as opposed to an orchestrator's tree account.</summary>
    public bool IsChild { get; init; }

    /// <summary>Null when the agent has no cap.</summary>
    public decimal? LimitUsd { get; }

    public decimal SpentUsd
    {
        get
        {
            lock (_gate)
            {
                return _spent;
            }
        }
    }

    public long Tokens
    {
        get
        {
            lock (_gate)
            {
                return _tokens;
            }
        }
    }

    /// <summary>What the agent may still commit: its cap less its own and its children's spend and open reservations.</summary>
    public decimal? RemainingUsd
    {
        get
        {
            lock (_gate)
            {
                return LimitUsd - _spent - _reserved;
            }
        }
    }

    /// <summary>Null when a call whose worst case is <paramref name="worstUsd"/> fits; else why not.</summary>
    public string? Check(string model, decimal worstUsd, long worstTokens)
    {
        if (_ledger is null)
        {
            return null;
        }

        decimal reserved;
        lock (_gate)
        {
            reserved = _reserved;
        }

        // Open reservations count as spent: a child's slice is promised money even before the child spends it.
        return _ledger.Check(model, (double)(worstUsd + reserved), worstTokens);
    }

    public async Task RecordAsync(string endpoint, decimal usd, long tokens, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _spent += usd;
            _tokens += tokens;
        }

        if (_ledger is not null)
        {
            await _ledger.RecordAsync(endpoint, usd, tokens, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sets aside <paramref name="usd"/> for a child; null when it fits, else why not.</summary>
    public string? TryReserve(decimal usd)
    {
        lock (_gate)
        {
            if (LimitUsd is { } limit && _spent + _reserved + usd > limit)
            {
                return $"the budget left is ${Math.Max(0, limit - _spent - _reserved):0.####} (cap ${limit:0.####}, spent ${_spent:0.####}, reserved for running children ${_reserved:0.####}); ask for a smaller budget_usd or wait for children to finish";
            }

            _reserved += usd;
            return null;
        }
    }

    /// <summary>A child ended: its slice is released and what it really spent is booked here.</summary>
    public Task SettleAsync(decimal reservedUsd, decimal childSpentUsd, long childTokens, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _reserved -= reservedUsd;
        }

        return RecordAsync("children", childSpentUsd, childTokens, cancellationToken);
    }
}
