namespace Chitin.Core.Budgets;

/// <summary>What one model call cost, with every scope it counts toward.</summary>
public sealed record SpendRecord(DateTimeOffset At, string RunId, string Agent, string SessionId, string Endpoint, decimal Usd, long Tokens);
