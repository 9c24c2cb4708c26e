namespace Chitin.Providers.Routing.Budgets;

/// <summary>
/// Budget caps for one run, with the spend of every window they count, kept in memory so the check before each
/// call costs nothing, and written through to the store after each call. Caps apply by scope: global, the run's
/// agent, the run's session, and the endpoint being considered. Thread-safe.
/// </summary>
public sealed class BudgetLedger : ISpendGate
{
    private readonly IBudgetStore _store;
    private readonly BudgetRun _run;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<Counted> _caps;
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    private BudgetLedger(IBudgetStore store, BudgetRun run, TimeProvider time, List<Counted> caps)
    {
        _store = store;
        _run = run;
        _time = time;
        _caps = caps;
    }

    public static async Task<BudgetLedger> LoadAsync(IBudgetStore store, BudgetRun run, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(time);
        DateTimeOffset now = time.GetUtcNow();
        var caps = new List<Counted>();
        foreach (BudgetCap cap in await store.LoadCapsAsync(cancellationToken).ConfigureAwait(false))
        {
            DateTimeOffset start = BudgetWindows.Start(cap.Period, now);
            SpendTotal spent = await store.SpendAsync(cap, start, run.RunId, cancellationToken).ConfigureAwait(false);
            caps.Add(new Counted(cap, start, spent));
        }

        return new BudgetLedger(store, run, time, caps);
    }

    /// <summary>A ledger is bound to its run: the run a call names is not consulted.</summary>
    string? ISpendGate.Check(BudgetRun? run, string endpoint, double worstCaseUsd, long worstCaseTokens) => Check(endpoint, worstCaseUsd, worstCaseTokens);

    Task<IReadOnlyList<string>> ISpendGate.RecordAsync(BudgetRun? run, string endpoint, decimal usd, long tokens, CancellationToken cancellationToken) =>
        RecordAsync(endpoint, usd, tokens, cancellationToken);

    public string? Check(string endpoint, double worstCaseUsd, long worstCaseTokens)
    {
        DateTimeOffset now = _time.GetUtcNow();
        lock (_gate)
        {
            foreach (Counted counted in _caps)
            {
                if (!Applies(counted.Cap.Scope, _run, endpoint))
                {
                    continue;
                }

                SpendTotal spent = counted.Current(now);
                BudgetCap cap = counted.Cap;
                if (cap.HardUsd is { } hard && spent.Usd + (decimal)worstCaseUsd > hard)
                {
                    return string.Create(CultureInfo.InvariantCulture,
                        $"{Describe(cap)} hard cap ${hard:0.####}: ${spent.Usd:0.####} spent, this call could cost up to ${worstCaseUsd:0.####}");
                }

                if (cap.HardTokens is { } tokens && spent.Tokens + worstCaseTokens > tokens)
                {
                    return string.Create(CultureInfo.InvariantCulture,
                        $"{Describe(cap)} hard cap of {tokens} tokens: {spent.Tokens} used, this call could use up to {worstCaseTokens}");
                }
            }
        }

        return null;
    }

    public async Task<IReadOnlyList<string>> RecordAsync(string endpoint, decimal usd, long tokens, CancellationToken cancellationToken)
    {
        DateTimeOffset now = _time.GetUtcNow();
        await _store.RecordSpendAsync(new SpendRecord(now, _run.RunId, _run.Agent, _run.SessionId, endpoint, usd, tokens), cancellationToken).ConfigureAwait(false);
        var warnings = new List<string>();
        lock (_gate)
        {
            foreach (Counted counted in _caps)
            {
                if (!Applies(counted.Cap.Scope, _run, endpoint))
                {
                    continue;
                }

                SpendTotal spent = counted.Add(now, new SpendTotal(usd, tokens));
                if (Warning(counted.Cap, spent) is { } warning && _warned.Add($"{counted.Cap.Scope}/{counted.Cap.Period}/{counted.WindowStart:O}"))
                {
                    warnings.Add(warning);
                }
            }
        }

        return warnings;
    }

    private static string? Warning(BudgetCap cap, SpendTotal spent)
    {
        if (cap.SoftUsd is { } soft && spent.Usd >= soft)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Describe(cap)} soft cap ${soft:0.####} reached: ${spent.Usd:0.####} spent");
        }

        if (cap.HardUsd is { } hard && spent.Usd >= hard * BudgetCap.WarningShare)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Describe(cap)} budget {spent.Usd / hard:P0} spent (${spent.Usd:0.####} of ${hard:0.####})");
        }

        return cap.HardTokens is { } tokens && spent.Tokens >= tokens * BudgetCap.WarningShare
            ? string.Create(CultureInfo.InvariantCulture, $"{Describe(cap)} token budget {(double)spent.Tokens / tokens:P0} used")
            : null;
    }

    /// <summary>
    /// Counts what another run of this process spent (already stored by its own ledger) against the caps it shares
    /// with this run, so concurrent runs under one global, agent or endpoint cap see each other's spend at once.
    /// </summary>
    public void Observe(BudgetRun spender, string endpoint, decimal usd, long tokens)
    {
        ArgumentNullException.ThrowIfNull(spender);
        DateTimeOffset now = _time.GetUtcNow();
        lock (_gate)
        {
            foreach (Counted counted in _caps)
            {
                if (Applies(counted.Cap.Scope, spender, endpoint))
                {
                    counted.Add(now, new SpendTotal(usd, tokens));
                }
            }
        }
    }

    private static bool Applies(BudgetScope scope, BudgetRun run, string endpoint) => scope.Kind switch
    {
        "global" => true,
        "agent" => string.Equals(scope.Id, run.Agent, StringComparison.Ordinal),
        "session" => string.Equals(scope.Id, run.SessionId, StringComparison.Ordinal),
        "endpoint" => string.Equals(scope.Id, endpoint, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static string Describe(BudgetCap cap) => $"{cap.Scope} {cap.Period.ToString().ToLowerInvariant()}";

    /// <summary>A cap and what its current window has spent; a new window (next day) starts from zero.</summary>
    private sealed class Counted(BudgetCap cap, DateTimeOffset windowStart, SpendTotal spent)
    {
        public BudgetCap Cap { get; } = cap;

        public DateTimeOffset WindowStart { get; private set; } = windowStart;

        private SpendTotal _spent = spent;

        public SpendTotal Current(DateTimeOffset now)
        {
            DateTimeOffset start = BudgetWindows.Start(Cap.Period, now);
            if (start != WindowStart)
            {
                WindowStart = start;
                _spent = default;
            }

            return _spent;
        }

        public SpendTotal Add(DateTimeOffset now, SpendTotal spend)
        {
            _spent = Current(now) + spend;
            return _spent;
        }
    }
}
