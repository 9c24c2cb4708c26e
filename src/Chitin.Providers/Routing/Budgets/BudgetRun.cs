namespace Chitin.Providers.Routing.Budgets;

/// <summary>The run whose calls a <see cref="BudgetLedger"/> books: its id, agent and session.</summary>
public sealed record BudgetRun(string RunId, string Agent, string SessionId)
{
    /// <summary>The run a call belongs to, from the loop's <see cref="RunProperties"/>; null when the call carries none.</summary>
    public static BudgetRun? From(ChatOptions? options) =>
        RunProperties.Read(options, RunProperties.Run) is { } run && RunProperties.Read(options, RunProperties.Session) is { } session
            ? new BudgetRun(run, RunProperties.Read(options, RunProperties.Agent) ?? "default", session)
            : null;
}
