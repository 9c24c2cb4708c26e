namespace Chitin.Mcp.Conformance.Tests.Support;

/// <summary>One check from the suite's checks.json: SUCCESS, FAILURE, WARNING, INFO or SKIPPED.</summary>
internal sealed record ConformanceCheck(string Id, string Status, string Description, string Details);
