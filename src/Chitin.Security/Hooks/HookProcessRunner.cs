namespace Chitin.Security.Hooks;

/// <summary>Runs one hook command: the request as JSON on stdin, stdout and stderr captured, killed with its whole process group on timeout.</summary>
internal sealed class HookProcessRunner(CommandHooksOptions options)
{
    /// <summary>How long to wait for output after the hook exited (a background child may hold the pipes open).</summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan ReapGrace = TimeSpan.FromSeconds(5);

    /// <exception cref="OperationCanceledException">The caller cancelled; the hook's processes were killed first.</exception>
    public async Task<HookRun> RunAsync(HookDefinition hook, HookRequest request, CancellationToken cancellationToken)
    {
        var workingDirectory = request.Workspace.Length > 0 && Directory.Exists(request.Workspace)
            ? request.Workspace
            : Environment.CurrentDirectory;
        using var process = new Process { StartInfo = ProcessGroup.StartInfo(options.Shell, ["-c", hook.Command], workingDirectory) };
        PrepareEnvironment(process.StartInfo, hook, request);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return HookRun.Failed($"could not start {options.Shell}: {ex.Message}");
        }

        var stdin = WriteRequestAsync(process, request);
        var stdout = new BoundedCapture(options.MaxOutputBytes);
        var stderr = new BoundedCapture(options.MaxOutputBytes);
        using var stopReading = new CancellationTokenSource();
        var pumps = Task.WhenAll(
            stdout.PumpAsync(process.StandardOutput.BaseStream, stopReading.Token),
            stderr.PumpAsync(process.StandardError.BaseStream, stopReading.Token));

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(hook.Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ProcessGroup.KillAll(process, ProcessGroup.Available);
            await WaitBoundedAsync(process.WaitForExitAsync(CancellationToken.None), ReapGrace).ConfigureAwait(false);
            await stopReading.CancelAsync().ConfigureAwait(false);
            await pumps.ConfigureAwait(false);
            await stdin.ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return HookRun.Failed($"timed out after {hook.Timeout.TotalSeconds:0.###} s (its processes were killed)");
        }

        if (!await WaitBoundedAsync(pumps, DrainGrace).ConfigureAwait(false))
        {
            await stopReading.CancelAsync().ConfigureAwait(false);
            await pumps.ConfigureAwait(false);
        }

        await stdin.ConfigureAwait(false);
        return new HookRun(process.ExitCode, stdout.Text, stderr.Text, null);
    }

    /// <summary>The minimal child environment, the variables the hook names in "envPassthrough", and the hook's own two.</summary>
    private static void PrepareEnvironment(ProcessStartInfo startInfo, HookDefinition hook, HookRequest request) =>
        ChildEnvironment.ApplyTo(startInfo.Environment, ChildEnvironment.Build(
            passThrough: hook.EnvPassthrough,
            set:
            [
                new("CHITIN_HOOK_EVENT", HookEventNames.ToName(request.Event)),
                new("CHITIN_SESSION_ID", request.SessionId),
            ]));

    private static async Task WriteRequestAsync(Process process, HookRequest request)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(request, SecurityJsonContext.Default.HookRequest);
        var stdin = process.StandardInput.BaseStream;
        try
        {
            await stdin.WriteAsync(json).ConfigureAwait(false);
            await stdin.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The hook exited or closed stdin without reading it all: that is its choice.
        }
        finally
        {
            try
            {
                stdin.Close();
            }
            catch (IOException)
            {
                // Broken pipe on close: nothing left to deliver.
            }
        }
    }

    private static async Task<bool> WaitBoundedAsync(Task task, TimeSpan limit)
    {
        var finished = await Task.WhenAny(task, Task.Delay(limit)).ConfigureAwait(false);
        return finished == task;
    }

    /// <summary>Reads a stream to its end, keeping at most a fixed number of bytes.</summary>
    private sealed class BoundedCapture(int limit)
    {
        private readonly MemoryStream _kept = new();

        public string Text => Encoding.UTF8.GetString(_kept.GetBuffer(), 0, (int)_kept.Length);

        public async Task PumpAsync(Stream stream, CancellationToken cancellationToken)
        {
            var buffer = new byte[8192];
            while (true)
            {
                int read;
                try
                {
                    read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
                {
                    return;
                }

                if (read == 0)
                {
                    return;
                }

                var keep = (int)Math.Min(read, limit - _kept.Length);
                if (keep > 0)
                {
                    _kept.Write(buffer, 0, keep);
                }
            }
        }
    }
}
