namespace Chitin.Providers.Routing.Probes;

/// <summary>
/// The probe budget: what probes may spend per UTC day (config <c>routing.probeBudgetUsd</c>), counted from the
/// stored probe samples. Separate from every routing budget: when it is spent, probes stop and calls go on. Thread-safe.
/// </summary>
public sealed class ProbeBudget
{
    private readonly decimal _dailyUsd;
    private readonly Lock _gate = new();
    private decimal _spent;

    private ProbeBudget(decimal dailyUsd, decimal spent)
    {
        _dailyUsd = dailyUsd;
        _spent = spent;
    }

    public decimal DailyUsd => _dailyUsd;

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

    public static async Task<ProbeBudget> LoadAsync(IProviderEvaluationStore store, decimal dailyUsd, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        DateTimeOffset now = time.GetUtcNow();
        var dayStart = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return new ProbeBudget(dailyUsd, await store.ProbeSpendAsync(dayStart, cancellationToken).ConfigureAwait(false));
    }

    /// <exception cref="ProbeBudgetSpentException">The call's worst case does not fit in what is left today.</exception>
    public void Check(decimal worstCaseUsd)
    {
        lock (_gate)
        {
            if (_spent + worstCaseUsd > _dailyUsd)
            {
                throw new ProbeBudgetSpentException(string.Create(CultureInfo.InvariantCulture,
                    $"probe budget spent: ${_spent:0.####} of ${_dailyUsd:0.####} today, the next probe could cost ${worstCaseUsd:0.####}; probing stopped, routing goes on (raise routing.probeBudgetUsd to probe more)"));
            }
        }
    }

    public void Book(decimal usd)
    {
        lock (_gate)
        {
            _spent += usd;
        }
    }
}
