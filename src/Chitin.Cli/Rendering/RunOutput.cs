namespace Chitin.Cli.Rendering;

/// <summary>The one JSON object <c>chitin run --json</c> prints. Field names and status values are a public contract.</summary>
public sealed record RunOutput
{
    /// <summary>done, failed, limit_reached, provider_error, cancelled, budget_exceeded; or config_error / usage_error before a run starts.</summary>
    public required string Status { get; init; }

    public string FinalText { get; init; } = "";

    public string? SessionId { get; init; }

    public int Steps { get; init; }

    public int ToolCalls { get; init; }

    public UsageOutput Usage { get; init; } = new(0, 0, 0, 0, 0, 0);

    public decimal CostUsd { get; init; }

    public double DurationMs { get; init; }

    public string? Error { get; init; }

    /// <summary>Configured MCP servers that could not be started for this run (their tools were unavailable).</summary>
    public IReadOnlyList<McpServerFailedOutput> McpServersFailed { get; init; } = [];

    public static RunOutput From(AgentRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new RunOutput
        {
            Status = StatusName(result.Status),
            FinalText = result.FinalText,
            SessionId = result.SessionId,
            Steps = result.Steps,
            ToolCalls = result.ToolCalls,
            Usage = UsageOutput.From(result.Usage),
            CostUsd = result.Usage.CostUsd,
            DurationMs = Math.Round(result.DurationMs, 1),
            Error = result.Error,
        };
    }

    public static string StatusName(RunStatus status) => status switch
    {
        RunStatus.Done => "done",
        RunStatus.LimitReached => "limit_reached",
        RunStatus.ProviderError => "provider_error",
        RunStatus.Cancelled => "cancelled",
        RunStatus.BudgetExceeded => "budget_exceeded",
        RunStatus.LoopDetected => "loop_detected",
        _ => "failed",
    };
}
