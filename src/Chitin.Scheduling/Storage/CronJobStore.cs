namespace Chitin.Scheduling.Storage;

/// <summary>
/// Cron jobs and their run log in the shared Chitin database (component "scheduling"). One connection per call.
/// Every change to the jobs raises <see cref="Changed"/> and touches <see cref="ChangeMarkerPath"/>, so a scheduler
/// in this process or another one re-reads the jobs at once.
/// </summary>
public sealed class CronJobStore
{
    private readonly string _path;

    private CronJobStore(string path)
    {
        _path = path;
        ChangeMarkerPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "cron.changed");
    }

    /// <summary>Raised after a job was added, removed or marked done through this instance.</summary>
    public event EventHandler? Changed;

    /// <summary>A file whose write tells schedulers in other processes that the jobs changed.</summary>
    public string ChangeMarkerPath { get; }

    /// <exception cref="DatabaseException">The file cannot be used.</exception>
    public static CronJobStore Open(string databasePath)
    {
        ChitinDatabase.Migrate(databasePath, SchedulingSchema.Component, "open its cron tables");
        return new CronJobStore(databasePath);
    }

    public CronJob Add(CronSchedule schedule, string task, string? deliver, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        var job = new CronJob(NewId(), schedule, task, deliver, now, null, false);
        using (var connection = ChitinDatabase.Connect(_path))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO cron_jobs (id, kind, expression, time_zone, task, deliver, created_at)
                VALUES ($id, $kind, $expression, $zone, $task, $deliver, $created)
                """;
            command.Parameters.AddWithValue("$id", job.Id);
            command.Parameters.AddWithValue("$kind", schedule.Kind.ToString().ToLowerInvariant());
            command.Parameters.AddWithValue("$expression", schedule.Expression);
            command.Parameters.AddWithValue("$zone", (object?)schedule.TimeZoneId ?? DBNull.Value);
            command.Parameters.AddWithValue("$task", task);
            command.Parameters.AddWithValue("$deliver", (object?)deliver ?? DBNull.Value);
            command.Parameters.AddWithValue("$created", Text(now));
            command.ExecuteNonQuery();
        }

        OnChanged();
        return job;
    }

    public IReadOnlyList<CronJob> List()
    {
        using var connection = ChitinDatabase.Connect(_path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, kind, expression, time_zone, task, deliver, created_at, last_due, done FROM cron_jobs ORDER BY created_at, rowid";
        return command.ReadAll(reader => new CronJob(
            reader.GetString(0),
            CronSchedule.FromStored(Enum.Parse<ScheduleKind>(reader.GetString(1), ignoreCase: true), reader.GetString(2), OptionalText(reader, 3)),
            reader.GetString(4),
            OptionalText(reader, 5),
            Instant(reader.GetString(6)),
            reader.IsDBNull(7) ? null : Instant(reader.GetString(7)),
            reader.GetInt64(8) != 0));
    }

    public CronJob? Find(string id) => List().FirstOrDefault(j => string.Equals(j.Id, id, StringComparison.Ordinal));

    /// <summary>Removes the job and its run log; false when there is no such job.</summary>
    public bool Remove(string id)
    {
        int removed;
        using (var connection = ChitinDatabase.Connect(_path))
        using (var transaction = connection.BeginTransaction())
        {
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "DELETE FROM cron_jobs WHERE id = $id";
                command.Parameters.AddWithValue("$id", id);
                removed = command.ExecuteNonQuery();
            }

            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "DELETE FROM cron_runs WHERE job_id = $id";
                command.Parameters.AddWithValue("$id", id);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        if (removed > 0)
        {
            OnChanged();
        }

        return removed > 0;
    }

    /// <summary>Records that due times up to <paramref name="due"/> were handled; an <c>--at</c> job becomes done.</summary>
    public void MarkHandled(string id, DateTimeOffset due, bool done)
    {
        using var connection = ChitinDatabase.Connect(_path);
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE cron_jobs SET last_due = $due, done = max(done, $done) WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$due", Text(due));
        command.Parameters.AddWithValue("$done", done ? 1 : 0);
        command.ExecuteNonQuery();
    }

    /// <summary>Starts a row of the run log and returns its id.</summary>
    public long StartRun(string jobId, string trigger, DateTimeOffset? due, DateTimeOffset started, CronRunStatus status = CronRunStatus.Running, string? error = null)
    {
        using var connection = ChitinDatabase.Connect(_path);
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO cron_runs (job_id, trigger, due_at, started, finished, status, error)
            VALUES ($job, $trigger, $due, $started, $finished, $status, $error) RETURNING id
            """;
        command.Parameters.AddWithValue("$job", jobId);
        command.Parameters.AddWithValue("$trigger", trigger);
        command.Parameters.AddWithValue("$due", due is { } d ? Text(d) : DBNull.Value);
        command.Parameters.AddWithValue("$started", Text(started));
        command.Parameters.AddWithValue("$finished", status == CronRunStatus.Running ? DBNull.Value : Text(started));
        command.Parameters.AddWithValue("$status", StoredNames.Name(status));
        command.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void FinishRun(long runId, DateTimeOffset finished, CronRunStatus status, string? sessionId, string? output, string? error)
    {
        using var connection = ChitinDatabase.Connect(_path);
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE cron_runs SET finished = $finished, status = $status, session_id = $session, output = $output, error = $error
            WHERE id = $id
            """;
        command.Parameters.AddWithValue("$id", runId);
        command.Parameters.AddWithValue("$finished", Text(finished));
        command.Parameters.AddWithValue("$status", StoredNames.Name(status));
        command.Parameters.AddWithValue("$session", (object?)sessionId ?? DBNull.Value);
        command.Parameters.AddWithValue("$output", (object?)output ?? DBNull.Value);
        command.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    /// <summary>Ends the rows a stopped or killed host left "running"; returns how many there were.</summary>
    public int FailInterruptedRuns(DateTimeOffset now)
    {
        using var connection = ChitinDatabase.Connect(_path);
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE cron_runs SET finished = $now, status = $failed,
                error = coalesce(error, 'interrupted: the host stopped or was killed during the run')
            WHERE status = $running
            """;
        command.Parameters.AddWithValue("$now", Text(now));
        command.Parameters.AddWithValue("$failed", StoredNames.Name(CronRunStatus.Failed));
        command.Parameters.AddWithValue("$running", StoredNames.Name(CronRunStatus.Running));
        return command.ExecuteNonQuery();
    }

    /// <summary>The run log, oldest first; all jobs when <paramref name="jobId"/> is null.</summary>
    public IReadOnlyList<CronRun> Runs(string? jobId = null)
    {
        using var connection = ChitinDatabase.Connect(_path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, job_id, trigger, due_at, started, finished, status, session_id, output, error FROM cron_runs"
            + (jobId is null ? "" : " WHERE job_id = $job") + " ORDER BY id";
        command.Parameters.AddWithValue("$job", (object?)jobId ?? DBNull.Value);
        return command.ReadAll(reader => new CronRun(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.IsDBNull(3) ? null : Instant(reader.GetString(3)),
            Instant(reader.GetString(4)),
            reader.IsDBNull(5) ? null : Instant(reader.GetString(5)),
            StoredNames.Parse<CronRunStatus>(reader.GetString(6)),
            OptionalText(reader, 7),
            OptionalText(reader, 8),
            OptionalText(reader, 9)));
    }

    private void OnChanged()
    {
        try
        {
            File.WriteAllText(ChangeMarkerPath, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            // Best effort: a scheduler in another process still sees the change on its next wake.
        }
        catch (UnauthorizedAccessException)
        {
        }

        Changed?.Invoke(this, EventArgs.Empty);
    }

    private static string? OptionalText(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string NewId() => "cron-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    private static string Text(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
