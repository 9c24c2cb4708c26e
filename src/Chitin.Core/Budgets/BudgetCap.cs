namespace Chitin.Core.Budgets;

/// <summary>
/// A cap on spend in one scope over one period. A call whose worst case would cross <see cref="HardUsd"/> or
/// <see cref="HardTokens"/> is not made; crossing <see cref="SoftUsd"/> or 80% of the hard cap raises a warning.
/// </summary>
public sealed record BudgetCap(BudgetScope Scope, BudgetPeriod Period, decimal? HardUsd, decimal? SoftUsd = null, long? HardTokens = null)
{
    /// <summary>Share of a hard cap at which a warning is raised.</summary>
    public const decimal WarningShare = 0.8m;
}
