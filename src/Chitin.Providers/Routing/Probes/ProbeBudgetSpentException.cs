namespace Chitin.Providers.Routing.Probes;

/// <summary>The probe budget of the day cannot pay for the next probe call: probing stops, routing goes on.</summary>
public sealed class ProbeBudgetSpentException : Exception
{
    public ProbeBudgetSpentException()
    {
    }

    public ProbeBudgetSpentException(string message)
        : base(message)
    {
    }

    public ProbeBudgetSpentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
