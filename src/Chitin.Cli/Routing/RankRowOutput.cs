namespace Chitin.Cli.Routing;

/// <summary>One endpoint in <c>chitin providers rank --json</c>; <see cref="Excluded"/> is null for eligible endpoints.</summary>
public sealed record RankRowOutput(int Rank, string Endpoint, string Model, double ExpectedCostUsd, double ExpectedSeconds, string? Excluded);
