namespace Chitin.Core.Budgets;

/// <summary>Where each period's window starts (UTC).</summary>
public static class BudgetWindows
{
    public static DateTimeOffset Start(BudgetPeriod period, DateTimeOffset now)
    {
        DateTimeOffset day = new(now.UtcDateTime.Date, TimeSpan.Zero);
        return period switch
        {
            BudgetPeriod.Day => day,
            BudgetPeriod.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            BudgetPeriod.Month => new DateTimeOffset(day.Year, day.Month, 1, 0, 0, 0, TimeSpan.Zero),
            _ => DateTimeOffset.MinValue,
        };
    }
}
