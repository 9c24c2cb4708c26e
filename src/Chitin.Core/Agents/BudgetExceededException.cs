namespace Chitin.Core.Agents;

/// <summary>
/// A model call was not made because its worst case would cross a hard budget cap. The run ends with
/// <see cref="RunStatus.BudgetExceeded"/>; raising the cap and resuming the session continues it.
/// </summary>
public sealed class BudgetExceededException : Exception
{
    public BudgetExceededException()
    {
    }

    public BudgetExceededException(string message)
        : base(message)
    {
    }

    public BudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
