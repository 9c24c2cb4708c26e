namespace Chitin.Core.Budgets;

/// <summary>The window a budget cap counts spend over (UTC calendar windows; a week starts on Monday).</summary>
public enum BudgetPeriod
{
    Run,
    Day,
    Week,
    Month,
}
