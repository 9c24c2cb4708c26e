namespace Chitin.Tools.Shell;

/// <summary>shell_output: a background job's new output and whether it still runs. Never waits.</summary>
public sealed class ShellOutputTool(ShellJobRegistry jobs)
    : ToolBase("shell_output", "Get new output of a background run_shell job and whether it is still running.", Schema, ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe)
{
    private const string Schema =
        """
        {"type":"object","properties":{"job_id":{"type":"string"},"since":{"type":"integer","minimum":0,"description":"Output offset to read from (default: where the last read stopped)"}},"required":["job_id"]}
        """;

    public override ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var arguments = ToolArguments.Of(this, invocation);
        var jobId = arguments.String("job_id", required: true);
        var since = arguments.Integer("since", minimum: 0);
        if (arguments.HasErrors(out var invalid))
        {
            return ValueTask.FromResult(invalid);
        }

        if (!jobs.TryFind(invocation.Context.SessionId, jobId!, out var job, out var unknown))
        {
            return ValueTask.FromResult(ToolResult.Error(unknown));
        }

        // Read the state before the output: output that arrives in between is reported on the next call, never lost.
        var state = ShellJobReport.StateLine(job);
        return ValueTask.FromResult(ShellJobReport.Of(job, state, job.Read(since)));
    }
}
