namespace Chitin.Cli.Routing;

/// <summary><c>chitin providers probe --json</c>.</summary>
public sealed record ProbeOutput(string RunId, IReadOnlyList<ProbeEndpointOutput> Endpoints, decimal SpentTodayUsd, decimal BudgetUsd, string? Stopped)
{
    public static ProbeOutput From(ProbeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ProbeOutput(report.RunId, [.. report.Endpoints.Select(ProbeEndpointOutput.From)], report.SpentTodayUsd, report.BudgetUsd, report.Stopped);
    }
}
