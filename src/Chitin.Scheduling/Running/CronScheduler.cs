namespace Chitin.Scheduling.Running;

/// <summary>
/// Runs cron jobs when they are due, for as long as <see cref="RunAsync"/> runs. It sleeps until the earliest due
/// time or until the jobs change (this process's store, <see cref="Notify"/>, or another process touching the
/// store's change marker), never polling. Missed due times collapse into one run; a job never overlaps itself: a due
/// time that comes while its previous run is still going is written to the run log as skipped.
/// </summary>
public sealed class CronScheduler
{
    /// <summary>Longest sleep, in case a change notification from another process was lost.</summary>
    public static readonly TimeSpan MaxSleep = TimeSpan.FromMinutes(15);

    private readonly CronJobStore _store;
    private readonly CronJobRunner _runner;
    private readonly TimeProvider _time;
    private readonly Action<CronRun> _onRun;
    private readonly Action<string> _warn;
    private readonly ChangeSignal _changed = new();
    private readonly Dictionary<string, Task> _running = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <param name="onRun">Called after each run finishes and each skipped due time, with its run-log row.</param>
    /// <param name="warn">Receives problems the loop survives (the database was unavailable for a moment).</param>
    public CronScheduler(CronJobStore store, CronJobRunner runner, TimeProvider time, Action<CronRun>? onRun = null, Action<string>? warn = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _onRun = onRun ?? (static _ => { });
        _warn = warn ?? (static _ => { });
    }

    /// <summary>Tells the scheduler the jobs changed (the gateway's /api/cron calls it after an edit).</summary>
    public void Notify() => _changed.Raise();

    /// <summary>Runs until <paramref name="cancellationToken"/> fires, then waits for the runs in progress to end.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _store.Changed += OnStoreChanged;
        using var watcher = WatchMarker();
        try
        {
            _store.FailInterruptedRuns(_time.GetUtcNow());
        }
        catch (DatabaseException ex)
        {
            _warn($"cron: {ex.Message}");
        }

        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var changed = _changed.Next;
                DateTimeOffset? wake;
                try
                {
                    wake = FireDueJobs(cancellationToken);
                }
                catch (Exception ex) when (ex is DatabaseException or ScheduleException)
                {
                    // A stored schedule this machine cannot read (its time zone data lacks the zone) or a locked file.
                    _warn($"cron: {ex.Message}");
                    wake = _time.GetUtcNow() + TimeSpan.FromMinutes(1);
                }

                await SleepAsync(wake, changed, cancellationToken);
            }
        }
        finally
        {
            _store.Changed -= OnStoreChanged;
            Task[] running;
            lock (_gate)
            {
                running = [.. _running.Values];
            }

            await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Starts every due job and returns when the next one is due (null when none is).</summary>
    private DateTimeOffset? FireDueJobs(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        DateTimeOffset? wake = null;
        foreach (var job in _store.List())
        {
            if (job.NextDue is not { } due)
            {
                continue;
            }

            if (due <= now)
            {
                var latest = job.LatestDue(due, now);
                Fire(job, latest, cancellationToken);
                due = job.Schedule.NextAfter(latest, job.CreatedAt) ?? DateTimeOffset.MaxValue;
                if (job.Schedule.Kind == ScheduleKind.At)
                {
                    continue;
                }
            }

            wake = wake is null || due < wake ? due : wake;
        }

        return wake;
    }

    private void Fire(CronJob job, DateTimeOffset due, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_running.TryGetValue(job.Id, out var previous) && !previous.IsCompleted)
            {
                var started = _time.GetUtcNow();
                var skippedId = _store.StartRun(job.Id, CronJobRunner.ScheduleTrigger, due, started, CronRunStatus.Skipped,
                    "skipped: the previous run of this job was still going at this due time (a job never overlaps itself)");
                _store.MarkHandled(job.Id, due, done: false);
                Report(_store.Runs(job.Id).Single(r => r.Id == skippedId));
                return;
            }

            _store.MarkHandled(job.Id, due, done: job.Schedule.Kind == ScheduleKind.At);
            _running[job.Id] = Task.Run(() => RunJobAsync(job, due, cancellationToken), CancellationToken.None);
        }
    }

    private async Task RunJobAsync(CronJob job, DateTimeOffset due, CancellationToken cancellationToken)
    {
        try
        {
            var run = await _runner.RunAsync(job, CronJobRunner.ScheduleTrigger, due, cancellationToken);
            Report(run);
        }
        catch (DatabaseException ex)
        {
            _warn($"cron job {job.Id}: {ex.Message}");
        }
    }

    private void Report(CronRun run)
    {
        try
        {
            _onRun(run);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _warn($"cron: a run observer failed: {ex.Message}");
        }
    }

    private async Task SleepAsync(DateTimeOffset? wake, Task changed, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var wait = wake is { } at ? at - now : MaxSleep;
        if (wait > MaxSleep)
        {
            wait = MaxSleep;
        }

        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var sleeping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(wait, _time, sleeping.Token);
        await Task.WhenAny(timer, changed).ConfigureAwait(false);
        await sleeping.CancelAsync();
    }

    private void OnStoreChanged(object? sender, EventArgs e) => _changed.Raise();

    private FileSystemWatcher? WatchMarker()
    {
        try
        {
            var watcher = new FileSystemWatcher(Path.GetDirectoryName(_store.ChangeMarkerPath)!, Path.GetFileName(_store.ChangeMarkerPath))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, _) => _changed.Raise();
            watcher.Created += (_, _) => _changed.Raise();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            _warn($"cron: cannot watch {_store.ChangeMarkerPath} ({ex.Message}); jobs added by other processes start within {MaxSleep.TotalMinutes:0} minutes");
            return null;
        }
    }
}
