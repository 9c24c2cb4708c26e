namespace Chitin.Tools.Shell;

/// <summary>
/// The background jobs of one tool set, scoped by session. Thread-safe. Disposing it (or the process exiting)
/// kills every job that still runs, with all its child processes.
/// </summary>
public sealed class ShellJobRegistry : IDisposable
{
    /// <summary>Finished jobs kept for reading; older ones are forgotten.</summary>
    private const int MaxFinishedJobs = 32;

    private readonly Lock _gate = new();
    private readonly List<ShellJob> _jobs = [];
    private readonly int _maxRunningPerSession;
    private readonly int _outputCapacity;
    private int _nextId;
    private bool _disposed;

    public ShellJobRegistry(BuiltInToolOptions? options = null)
    {
        var validated = (options ?? BuiltInToolOptions.Default).Validated();
        _maxRunningPerSession = validated.MaxShellJobs;
        _outputCapacity = validated.MaxOutputChars;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>Jobs still running, in every session.</summary>
    public int RunningCount
    {
        get
        {
            lock (_gate)
            {
                return _jobs.Count(job => job.State == ShellJobState.Running);
            }
        }
    }

    internal bool TryStart(string command, string sessionId, PreparedShellCommand prepared, [NotNullWhen(true)] out ShellJob? job, [NotNullWhen(false)] out string? error)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var running = _jobs.Where(existing => existing.SessionId == sessionId && existing.State == ShellJobState.Running).ToArray();
            if (running.Length >= _maxRunningPerSession)
            {
                job = null;
                error = $"{running.Length} background jobs are already running ({string.Join(", ", running.Select(existing => existing.Id))}); "
                        + "stop one with shell_stop first.";
                return false;
            }

            var id = "job-" + (++_nextId).ToString(CultureInfo.InvariantCulture);
            job = ShellJob.Start(id, sessionId, command, prepared, _outputCapacity);
            _jobs.Add(job);
            ForgetOldFinishedJobs();
            error = null;
            return true;
        }
    }

    internal bool TryFind(string sessionId, string jobId, [NotNullWhen(true)] out ShellJob? job, [NotNullWhen(false)] out string? error)
    {
        lock (_gate)
        {
            var normalized = jobId.Trim();
            job = _jobs.FirstOrDefault(existing => existing.SessionId == sessionId
                                                   && (existing.Id == normalized || existing.Id == "job-" + normalized));
            if (job is not null)
            {
                error = null;
                return true;
            }

            var known = _jobs.Where(existing => existing.SessionId == sessionId).ToArray();
            error = known.Length == 0
                ? $"Unknown job id '{jobId}': this session has no background jobs; start one with run_shell and background=true."
                : $"Unknown job id '{jobId}'. Jobs of this session: "
                  + string.Join(", ", known.Select(existing => $"{existing.Id} ({existing.State.ToString().ToLowerInvariant()})")) + ".";
            return false;
        }
    }

    public void Dispose()
    {
        ShellJob[] jobs;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            jobs = [.. _jobs];
            _jobs.Clear();
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        foreach (var job in jobs)
        {
            job.Dispose();
        }
    }

    private void ForgetOldFinishedJobs()
    {
        var finished = _jobs.Where(job => job.State != ShellJobState.Running).ToArray();
        foreach (var job in finished.Take(Math.Max(0, finished.Length - MaxFinishedJobs)))
        {
            _jobs.Remove(job);
            job.Dispose();
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();
}
