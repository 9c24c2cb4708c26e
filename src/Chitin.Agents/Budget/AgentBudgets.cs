namespace Chitin.Agents.Budget;

/// <summary>
/// The budget accounts of every agent tree in the process, keyed by child agent id or, for an orchestrator, by its
/// session id. An orchestrator's account is made on its first model call with the tree cap (agents.budgetUsd).
/// </summary>
public sealed class AgentBudgets(decimal treeBudgetUsd, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, BudgetAccount> _accounts = new(StringComparer.Ordinal);

    /// <summary>A model call was booked: the account, its USD and tokens.</summary>
    public event Action<BudgetAccount, decimal, long>? Charged;

    public bool IsChild(string key) => _accounts.TryGetValue(key, out var a) && a.IsChild;

    /// <summary>The account of <paramref name="key"/>; an unknown key is an orchestrator and gets the tree cap.</summary>
    public BudgetAccount For(string key) =>
        _accounts.GetOrAdd(key, k => new BudgetAccount(k, treeBudgetUsd > 0 ? treeBudgetUsd : null, time));

    public BudgetAccount OpenChild(string agentId, decimal? sliceUsd) =>
        _accounts.GetOrAdd(agentId, k => new BudgetAccount(k, sliceUsd, time) { IsChild = true });

    internal void OnCharged(BudgetAccount account, decimal usd, long tokens) => Charged?.Invoke(account, usd, tokens);
}
