namespace Chitin.Cli.Rendering;

/// <summary><c>--events ndjson</c>: every event as one JSON line with its "type", flushed as it happens.</summary>
public sealed class NdjsonRunRenderer(TextWriter output, IReadOnlyList<McpServerFailedOutput>? mcpServersFailed = null) : IRunRenderer
{
    private IReadOnlyList<McpServerFailedOutput>? _pendingFailures = mcpServersFailed;

    public void OnEvent(AgentEvent agentEvent)
    {
        // Servers that did not start come first, as "mcp_server_failed" events, so a consumer sees them before the run.
        foreach (var failure in Interlocked.Exchange(ref _pendingFailures, null) ?? [])
        {
            output.WriteLine(JsonSerializer.Serialize(failure, CliJsonContext.Default.McpServerFailedOutput));
        }

        output.WriteLine(JsonSerializer.Serialize(agentEvent, CoreJsonContext.Default.AgentEvent));
        output.Flush();
    }
}
