namespace Chitin.Cli.Routing;

/// <summary><c>chitin providers pin --json</c>.</summary>
public sealed record PinOutput(string Session, string Endpoint);
