namespace Chitin.Hosting;

/// <summary>
/// The "agents" feature in a host: one <see cref="AgentRuntime"/> whose children run with the host's tools, approver,
/// stores and provider clients, and the budget wrapper every runner's client goes through so the tree is one budget.
/// </summary>
internal sealed class AgentTreeHost : IAsyncDisposable
{
    private readonly AgentBudgets _budgets;
    private readonly PriceTable _prices;
    private readonly ConcurrentDictionary<string, IChatClient> _wrapped = new(StringComparer.Ordinal);

    public AgentTreeHost(
        AgentsSettings settings,
        string defaultModel,
        Func<string, IChatClient> providerFor,
        Func<string, AgentRunnerOptions> childOptions,
        PriceTable prices,
        ToolRegistry tools,
        IToolApprover approver,
        ISessionStore sessions,
        IUsageStore usage,
        AgentLimits limits)
    {
        _budgets = new AgentBudgets(settings.BudgetUsd, TimeProvider.System);
        _prices = prices;
        var runners = new ChildRunners(m => Wrap(m, providerFor(m)), childOptions, tools, approver, sessions, usage, defaultModel, limits);
        Runtime = new AgentRuntime(settings, runners, _budgets, TiktokenCounter.Instance);
    }

    public AgentRuntime Runtime { get; }

    /// <summary>The provider client for <paramref name="model"/>, booking every call against its agent's slice.</summary>
    public IChatClient Wrap(string model, IChatClient provider) =>
        _wrapped.GetOrAdd(model, _ => new TreeBudgetChatClient(provider, _budgets, _prices, TiktokenCounter.Instance));

    public ValueTask DisposeAsync() => Runtime.DisposeAsync();
}
