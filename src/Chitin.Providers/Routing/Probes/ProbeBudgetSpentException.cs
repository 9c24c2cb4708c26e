namespace Chitin.Providers.Routing.Probes;

/// <summary>The probe budget of the day cannot pay for the next probe call: probing stops, routing goes on.</summary>
public sealed class ProbeBudgetSpentException(string message) : Exception(message);
