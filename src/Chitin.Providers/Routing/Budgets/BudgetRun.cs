namespace Chitin.Providers.Routing.Budgets;

/// <summary>The run whose calls a <see cref="BudgetLedger"/> books: its id, agent and session.</summary>
public sealed record BudgetRun(string RunId, string Agent, string SessionId);
