namespace Chitin.Providers.Routing.Probes;

/// <summary>A probe run: per endpoint results, what probes spent today against their budget, and why probing stopped early, if it did.</summary>
public sealed record ProbeReport(string RunId, IReadOnlyList<EndpointProbeResult> Endpoints, decimal SpentTodayUsd, decimal BudgetUsd, string? Stopped);
