namespace Chitin.Agents.Budget;

/// <summary>
/// Books every model call of an agent tree against the caller's <see cref="BudgetAccount"/>: a call whose worst case
/// (prompt tokens by the local tokenizer plus the output allowance, at list price) would cross the account's cap is
/// not made (<see cref="BudgetExceededException"/>, so the run ends with budget_exceeded), and each answer's cost is
/// recorded. The caller is the call's agent when that is a child, else its session (an orchestrator).
/// </summary>
public sealed class TreeBudgetChatClient(IChatClient inner, AgentBudgets budgets, PriceTable prices, ITokenCounter counter) : DelegatingChatClient(inner)
{
    /// <summary>Output tokens assumed for a call that sets no maximum.</summary>
    public const int DefaultOutputAllowance = 4_096;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var account = Gate(list, options);
        var response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        if (account is not null)
        {
            await BookAsync(account, response, options, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var account = Gate(list, options);
        List<ChatResponseUpdate> updates = [];
        await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            yield return update;
        }

        if (account is not null)
        {
            await BookAsync(account, updates.ToChatResponse(), options, cancellationToken).ConfigureAwait(false);
        }
    }

    private BudgetAccount? Gate(IList<ChatMessage> messages, ChatOptions? options)
    {
        var agent = RunProperties.Read(options, RunProperties.Agent);
        var key = agent is not null && budgets.IsChild(agent) ? agent : RunProperties.Read(options, RunProperties.Session);
        if (key is null)
        {
            return null;
        }

        var account = budgets.For(key);
        if (account.LimitUsd is null || prices.Find(options?.ModelId ?? "") is not { } price)
        {
            return account;
        }

        long input = messages.Sum(m => (long)counter.CountTokens(m.Text)) + (options?.Tools?.Count ?? 0) * 200L;
        long output = options?.MaxOutputTokens ?? DefaultOutputAllowance;
        var worst = ((input * price.Input) + (output * price.Output)) / 1_000_000m;
        if (account.Check(options?.ModelId ?? "", worst, input + output) is { } blocked)
        {
            throw new BudgetExceededException($"Budget slice of agent '{key}' exhausted: {blocked}.");
        }

        return account;
    }

    private async Task BookAsync(BudgetAccount account, ChatResponse response, ChatOptions? options, CancellationToken cancellationToken)
    {
        var model = options?.ModelId ?? response.ModelId ?? "";
        var record = UsageRecords.From(response, new UsageCall(account.Key, account.Key, "", model, 0, 0, DateTimeOffset.UnixEpoch), prices);
        var tokens = record.InputTokens + record.OutputTokens;
        await account.RecordAsync(model, record.CostUsd, tokens, cancellationToken).ConfigureAwait(false);
        budgets.OnCharged(account, record.CostUsd, tokens);
    }
}
