namespace Chitin.Mcp.Conformance.Tests.Support;

/// <summary>What one scenario run produced: the suite's exit code, its checks and its console output.</summary>
internal sealed record ScenarioOutcome(int ExitCode, IReadOnlyList<ConformanceCheck> Checks, string Output)
{
    public IReadOnlyList<ConformanceCheck> Problems => Checks.Where(c => c.Status is "FAILURE" or "WARNING").ToList();

    public IReadOnlyList<ConformanceCheck> Passed => Checks.Where(c => c.Status == "SUCCESS").ToList();

    /// <summary>Asserts the scenario passed outright: exit 0, at least one successful check, no failure and no warning.</summary>
    public void AssertPassed(string scenario)
    {
        var problems = string.Join("\n", Problems.Select(p => $"  {p.Status} {p.Id}: {p.Description} {p.Details}"));
        Assert.True(ExitCode == 0 && Problems.Count == 0 && Passed.Count > 0,
            $"conformance scenario {scenario}: exit {ExitCode}, {Passed.Count} passed, {Problems.Count} problems\n{problems}\n--- suite output ---\n{Output}");
    }
}
