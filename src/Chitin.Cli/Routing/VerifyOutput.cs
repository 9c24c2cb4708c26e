namespace Chitin.Cli.Routing;

/// <summary><c>chitin providers verify --json</c>: the verdict (pass, non-conformant or suspect) with its figures.</summary>
public sealed record VerifyOutput(
    string Endpoint,
    string Against,
    string Verdict,
    bool Suspect,
    double? ConformanceRate,
    int ConformanceChecks,
    double? Mmd2,
    double? PValue,
    int Samples,
    IReadOnlyList<string> Failures,
    IReadOnlyList<string> Flags,
    decimal CostUsd,
    string? Stopped)
{
    public static VerifyOutput From(EndpointProbeResult r, string against, string? stopped)
    {
        ArgumentNullException.ThrowIfNull(r);
        bool suspect = r.Suspect == true;
        string verdict = suspect ? "suspect"
            : r.ConformanceRate < ProblemDetector.MinConformance ? "non-conformant"
            : r.PValue is null ? "incomplete"
            : "pass";
        return new VerifyOutput(r.Endpoint, against, verdict, suspect, r.ConformanceRate, r.ConformanceChecks, r.Mmd2, r.PValue, r.EquivalenceSamples,
            [.. r.Failures], [.. r.Flags.Select(StoredNames.Name)], r.CostUsd, stopped);
    }
}
