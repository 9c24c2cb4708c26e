namespace Chitin.Cli.Rendering;

/// <summary><c>--json</c>: nothing while the run goes, then one JSON object with the result.</summary>
public sealed class JsonRunRenderer(TextWriter output) : IRunRenderer
{
    /// <summary>Configured MCP servers that did not start for this run; listed in the output's "mcp_servers_failed".</summary>
    public IReadOnlyList<McpServerFailedOutput> McpServersFailed { get; init; } = [];

    public void OnEvent(AgentEvent agentEvent)
    {
        if (agentEvent is RunCompleted done)
        {
            Write(output, RunOutput.From(done.Result) with { McpServersFailed = McpServersFailed });
        }
    }

    public static void Write(TextWriter output, RunOutput result)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(JsonSerializer.Serialize(result, CliJsonContext.Default.RunOutput));
        output.Flush();
    }
}
