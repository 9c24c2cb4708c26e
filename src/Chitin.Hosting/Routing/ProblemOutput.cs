namespace Chitin.Hosting.Routing;

/// <summary>A detected problem in <c>chitin providers list --json</c>.</summary>
public sealed record ProblemOutput(string Flag, string Evidence);
