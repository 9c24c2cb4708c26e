namespace Chitin.Tools.Shell;

/// <summary>One background command: its process tree, its captured output and how it ended.</summary>
internal sealed class ShellJob : IDisposable
{
    /// <summary>How long to wait for output after the command exited before reporting the exit.</summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan ReapGrace = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Process _process;
    private readonly bool _ownProcessGroup;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stopReading = new();
    private readonly Task _finished;
    private ShellJobState _state = ShellJobState.Running;
    private int? _exitCode;
    private TimeSpan? _duration;
    private long _readCursor;

    private ShellJob(string id, string sessionId, string command, Process process, bool ownProcessGroup, int outputCapacity)
    {
        Id = id;
        SessionId = sessionId;
        Command = command;
        _process = process;
        _ownProcessGroup = ownProcessGroup;
        Output = new JobOutputBuffer(outputCapacity);
        var pumps = Task.WhenAll(
            OutputPump.PumpAsync(process.StandardOutput.BaseStream, Output, _stopReading.Token),
            OutputPump.PumpAsync(process.StandardError.BaseStream, Output, _stopReading.Token));
        _finished = WatchAsync(pumps);
    }

    public string Id { get; }

    public string SessionId { get; }

    public string Command { get; }

    public int ProcessId => _process.Id;

    public JobOutputBuffer Output { get; }

    /// <summary>Completes once the job has exited or was stopped and its output was collected.</summary>
    public Task Finished => _finished;

    public ShellJobState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    public int? ExitCode
    {
        get
        {
            lock (_gate)
            {
                return _exitCode;
            }
        }
    }

    public TimeSpan Duration
    {
        get
        {
            lock (_gate)
            {
                return _duration ?? _clock.Elapsed;
            }
        }
    }

    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static ShellJob Start(string id, string sessionId, string command, PreparedShellCommand prepared, int outputCapacity)
    {
        var process = new Process { StartInfo = prepared.StartInfo };
        try
        {
            ChildProcessStarter.Start(process);
            process.StandardInput.Close();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        return new ShellJob(id, sessionId, command, process, prepared.OwnProcessGroup, outputCapacity);
    }

    /// <summary>Output from <paramref name="since"/>, or else from where the previous read stopped; moves the read cursor.</summary>
    public JobOutputSlice Read(long? since)
    {
        lock (_gate)
        {
            var slice = Output.Read(since ?? _readCursor);
            _readCursor = slice.Next;
            return slice;
        }
    }

    /// <summary>Kills the job with every process it started; returns false when it had already ended.</summary>
    public async Task<bool> StopAsync()
    {
        lock (_gate)
        {
            if (_state != ShellJobState.Running)
            {
                return false;
            }

            _state = ShellJobState.Stopped;
            _duration = _clock.Elapsed;
        }

        ProcessGroup.KillAll(_process, _ownProcessGroup);
        await ShellRunner.WaitBoundedAsync(_finished, ReapGrace).ConfigureAwait(false);
        return true;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_state == ShellJobState.Running)
            {
                _state = ShellJobState.Stopped;
                _duration = _clock.Elapsed;
                ProcessGroup.KillAll(_process, _ownProcessGroup);
            }
        }

        _stopReading.Cancel();

        // Blocking is acceptable here: the tree was just killed, so the watcher ends within moments.
        _ = _finished.Wait(ReapGrace);
        _process.Dispose();
        _stopReading.Dispose();
    }

    private async Task WatchAsync(Task pumps)
    {
        try
        {
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            return; // disposed while running: Dispose already recorded the stop
        }

        var elapsed = _clock.Elapsed;

        // Background children may keep the pipes open; report the exit after a short grace, they keep pumping.
        await ShellRunner.WaitBoundedAsync(pumps, DrainGrace).ConfigureAwait(false);
        lock (_gate)
        {
            if (_state == ShellJobState.Running)
            {
                _state = ShellJobState.Exited;
                _exitCode = _process.ExitCode;
                _duration = elapsed;
            }
        }
    }
}
