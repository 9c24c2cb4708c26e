using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Chitin.Tools.Shell;

/// <summary>Runs one shell command with stdin closed, capturing stdout and stderr together, under a timeout.</summary>
internal sealed class ShellRunner(ShellLauncher launcher)
{
    /// <summary>How long to wait for output after the command exited (background children may hold the pipes).</summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait for a killed process to be reaped.</summary>
    private static readonly TimeSpan ReapGrace = TimeSpan.FromSeconds(5);

    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <exception cref="Win32Exception">The shell could not be started.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled; the process tree was killed first.</exception>
    public async Task<ShellOutcome> RunAsync(string command, string workingDirectory, TimeSpan timeout, int maxOutputChars, CancellationToken cancellationToken)
    {
        var output = new HeadTailBuffer(maxOutputChars);
        using var process = new Process { StartInfo = launcher.CreateStartInfo(command, workingDirectory) };
        var clock = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();

        using var stopReading = new CancellationTokenSource();
        var pumps = Task.WhenAll(
            PumpAsync(process.StandardOutput.BaseStream, output, stopReading.Token),
            PumpAsync(process.StandardError.BaseStream, output, stopReading.Token));

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ProcessTreeKiller.Kill(process, launcher.OwnProcessGroup);
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

    private static async Task PumpAsync(Stream stream, HeadTailBuffer output, CancellationToken cancellationToken)
    {
        var decoder = LenientUtf8.GetDecoder();
        var bytes = new byte[8 * 1024];
        var chars = new char[LenientUtf8.GetMaxCharCount(bytes.Length)];
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(bytes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
            {
                read = 0;
            }

            var decoded = decoder.GetChars(bytes, 0, read, chars, 0, flush: read == 0);
            output.Append(chars.AsSpan(0, decoded));
            if (read == 0)
            {
                return;
            }
        }
    }

    private static async Task<bool> WaitBoundedAsync(Task task, TimeSpan limit)
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
