namespace Chitin.Tools.Shell;

/// <summary>Runs one prepared command with stdin closed, capturing stdout and stderr together, under a timeout.</summary>
internal static class ShellRunner
{
    /// <summary>How long to wait for output after the command exited (background children may hold the pipes).</summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait for a killed process to be reaped.</summary>
    private static readonly TimeSpan ReapGrace = TimeSpan.FromSeconds(5);

    /// <exception cref="Win32Exception">The program could not be started.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled; the process tree was killed first.</exception>
    public static async Task<ShellOutcome> RunAsync(PreparedShellCommand command, TimeSpan timeout, int maxOutputChars, CancellationToken cancellationToken)
    {
        var output = new HeadTailBuffer(maxOutputChars);
        using var process = new Process { StartInfo = command.StartInfo };
        var clock = Stopwatch.StartNew();
        await ChildProcessStarter.StartAsync(process).ConfigureAwait(false);
        process.StandardInput.Close();

        using var stopReading = new CancellationTokenSource();
        var pumps = Task.WhenAll(
            OutputPump.PumpAsync(process.StandardOutput.BaseStream, output, stopReading.Token),
            OutputPump.PumpAsync(process.StandardError.BaseStream, output, stopReading.Token));

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ProcessGroup.KillAll(process, command.OwnProcessGroup);
            timedOut = !cancellationToken.IsCancellationRequested;
            await WaitBoundedAsync(process.WaitForExitAsync(CancellationToken.None), ReapGrace).ConfigureAwait(false);
        }

        var duration = clock.Elapsed;
        var drained = await WaitBoundedAsync(pumps, DrainGrace).ConfigureAwait(false);
        if (!drained)
        {
            await stopReading.CancelAsync().ConfigureAwait(false);
            await pumps.ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new ShellOutcome(timedOut ? null : process.ExitCode, timedOut, duration, output, PipesLeftOpen: !drained);
    }

    internal static async Task<bool> WaitBoundedAsync(Task task, TimeSpan limit)
    {
        try
        {
            await task.WaitAsync(limit).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
