namespace Chitin.Core.Agents;

public sealed record AgentRunResult
{
    public required string SessionId { get; init; }

    public required RunStatus Status { get; init; }

    public string FinalText { get; init; } = "";

    public int Steps { get; init; }

    public int ToolCalls { get; init; }

    public required RunTotals Usage { get; init; }

    public string? Error { get; init; }

    public double DurationMs { get; init; }
}
