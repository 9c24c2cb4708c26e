namespace Chitin.Agents.Orchestration;

/// <summary>The "agents" config section: how deep and wide agent trees may grow, and their default budgets.</summary>
/// <param name="Enabled">Give the main agent the agents_* tools (off by default: a tree spends money in parallel).</param>
/// <param name="MaxDepth">Levels of children below the orchestrator; agents at the last level get no agents_* tools.</param>
/// <param name="MaxChildren">Children one agent may have active (queued or running) at once.</param>
/// <param name="MaxRunning">Children running at once in the whole process; more wait for a slot.</param>
/// <param name="BudgetUsd">What one task tree (orchestrator and all children) may spend; 0 means no tree cap.</param>
/// <param name="ChildBudgetUsd">The slice a spawn reserves when neither the call nor the role names one.</param>
/// <param name="TimeoutSeconds">How long a child may run when the call names no timeout_s.</param>
/// <param name="EnvelopeTokens">Most tokens of a child's result in its completion envelope; the rest stays on disk.</param>
/// <param name="LeaseSeconds">A child whose claim is older than this with no completion is reclaimed on resume.</param>
public sealed record AgentsSettings(
    bool Enabled,
    int MaxDepth,
    int MaxChildren,
    int MaxRunning,
    decimal BudgetUsd,
    decimal ChildBudgetUsd,
    int TimeoutSeconds,
    int EnvelopeTokens,
    int LeaseSeconds) : IFeatureOptions<AgentsSettings>
{
    /// <summary>The largest swarm the runtime allows.</summary>
    public const int SwarmLimit = 100;

    public static AgentsSettings Default { get; } = new(
        Enabled: false, MaxDepth: 1, MaxChildren: 4, MaxRunning: 8, BudgetUsd: 0m, ChildBudgetUsd: 0.50m, TimeoutSeconds: 900, EnvelopeTokens: 1_500, LeaseSeconds: 900);

    public static string Section => "agents";

    public static IReadOnlyList<string> Keys { get; } =
        ["enabled", "maxDepth", "maxChildren", "maxRunning", "budgetUsd", "childBudgetUsd", "timeoutSeconds", "envelopeTokens", "leaseSeconds"];

    public static string? Check(string key, OptionValue value) => key switch
    {
        "enabled" => value.TryBoolean(out _) ? null : "must be true or false",
        "maxDepth" => value.TryInteger(out var v) && v is >= 1 and <= 5 ? null : "must be a whole number of levels from 1 to 5",
        "maxChildren" => value.TryInteger(out var v) && v is >= 1 and <= SwarmLimit ? null : "must be a whole number from 1 to 100",
        "maxRunning" => value.TryInteger(out var v) && v is >= 1 and <= SwarmLimit ? null : "must be a whole number from 1 to 100",
        "budgetUsd" or "childBudgetUsd" => OptionReader.ParseDecimal(value.Text) is >= 0m ? null : "must be an amount of US dollars, 0 or more, e.g. 2.50",
        "timeoutSeconds" => value.TryInteger(out var v) && v is >= 1 and <= 86_400 ? null : "must be a whole number of seconds from 1 to 86400",
        "envelopeTokens" => value.TryInteger(out var v) && v is >= 100 and <= 20_000 ? null : "must be a whole number of tokens from 100 to 20000",
        "leaseSeconds" => value.TryInteger(out var v) && v is >= 1 and <= 86_400 ? null : "must be a whole number of seconds from 1 to 86400",
        _ => null,
    };

    public static AgentsSettings Bind(OptionReader read)
    {
        var d = Default;
        return new(
            read.Boolean("enabled", d.Enabled),
            read.Int32("maxDepth", d.MaxDepth),
            read.Int32("maxChildren", d.MaxChildren),
            read.Int32("maxRunning", d.MaxRunning),
            read.Decimal("budgetUsd", d.BudgetUsd),
            read.Decimal("childBudgetUsd", d.ChildBudgetUsd),
            read.Int32("timeoutSeconds", d.TimeoutSeconds),
            read.Int32("envelopeTokens", d.EnvelopeTokens),
            read.Int32("leaseSeconds", d.LeaseSeconds));
    }
}
