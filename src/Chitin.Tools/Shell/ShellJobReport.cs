namespace Chitin.Tools.Shell;

/// <summary>Renders a background job's state and newly read output as a tool result.</summary>
internal static class ShellJobReport
{
    public static ToolResult Of(ShellJob job, string headline, JobOutputSlice? slice)
    {
        var text = new StringBuilder(headline);
        if (slice is not null)
        {
            if (slice.Dropped > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n[... {slice.Dropped:N0} earlier chars were dropped: the job keeps only its newest output ...]");
            }

            text.Append('\n').Append(slice.Text.Length == 0 ? "(no new output)" : slice.Text);
        }

        var data = new ShellJobData(
            job.Id,
            job.State.ToString().ToLowerInvariant(),
            job.ExitCode,
            (long)job.Duration.TotalMilliseconds,
            job.Output.TotalChars,
            slice?.Next ?? job.Output.TotalChars,
            slice?.Dropped ?? 0);
        return ToolResult.Ok(text.ToString(), JsonSerializer.SerializeToElement(data, ToolsJsonContext.Default.ShellJobData));
    }

    /// <summary>"job-2 is running (3.1 s)", "job-2 exited with code 1 (0.2 s)", "job-2 was stopped after 5 s".</summary>
    public static string StateLine(ShellJob job)
    {
        var seconds = job.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        return job.State switch
        {
            ShellJobState.Running => $"{job.Id} is running ({seconds} s).",
            ShellJobState.Exited => $"{job.Id} exited with code {job.ExitCode} ({seconds} s).",
            _ => $"{job.Id} was stopped after {seconds} s.",
        };
    }
}
