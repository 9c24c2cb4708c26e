namespace Chitin.Hosting.Routing;

/// <summary>One budget cap and what its current window has spent, as <c>chitin budget show --json</c> prints it.</summary>
public sealed record BudgetRowOutput(string Scope, string Period, decimal? HardUsd, decimal? SoftUsd, long? HardTokens, decimal SpentUsd, long SpentTokens);
