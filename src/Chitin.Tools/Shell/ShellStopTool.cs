namespace Chitin.Tools.Shell;

/// <summary>shell_stop: kills a background job with every process it started and returns its unread output.</summary>
public sealed class ShellStopTool(ShellJobRegistry jobs)
    : ToolBase("shell_stop", "Stop a background run_shell job and all its child processes.", Schema, ToolTraits.Destructive)
{
    private const string Schema =
        """
        {"type":"object","properties":{"job_id":{"type":"string"}},"required":["job_id"]}
        """;

    public override async ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var arguments = ToolArguments.Of(this, invocation);
        var jobId = arguments.String("job_id", required: true);
        if (arguments.HasErrors(out var invalid))
        {
            return invalid;
        }

        if (!jobs.TryFind(invocation.Context.SessionId, jobId!, out var job, out var unknown))
        {
            return ToolResult.Error(unknown);
        }

        var stopped = await job.StopAsync().ConfigureAwait(false);
        var headline = stopped
            ? $"Stopped {job.Id} and all its child processes after {job.Duration.TotalSeconds:0.0} s."
            : "Nothing to stop: " + ShellJobReport.StateLine(job);
        return ShellJobReport.Of(job, headline, job.Read(since: null));
    }
}
