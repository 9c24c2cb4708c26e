using Chitin.Core.Sessions;
using Chitin.Skills.Stats;
using Chitin.Skills.Tools;
using Chitin.Storage.Sqlite;

namespace Chitin.Skills.Tests.Stats;

public sealed class SkillStatsTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("chitin-skills-stats-").FullName;
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private SqliteChitinStore _store = null!;
    private SkillUsageLog _log = null!;
    private int _sessions;

    private string DatabasePath => Path.Combine(_root, "chitin.db");

    public async Task InitializeAsync()
    {
        // The log opens the file first: Chitin.Storage must still recognise it as a Chitin database.
        _log = await SkillUsageLog.OpenAsync(DatabasePath, _clock, CancellationToken.None);
        _store = await SqliteChitinStore.OpenAsync(DatabasePath, _clock, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _log.Dispose();
        await _store.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Counts_runs_success_rate_and_tokens_per_skill()
    {
        var ok1 = await SessionAsync(SessionStatus.Done);
        var ok2 = await SessionAsync(SessionStatus.Done);
        var failed = await SessionAsync(SessionStatus.Failed);
        Load(ok1, "csv-report", 300);
        Load(ok1, "csv-report", 300);
        Load(ok2, "csv-report", 320);
        Load(failed, "csv-report", 280);
        Load(ok2, "git-notes", 150);

        var report = await Calculator().ComputeAsync(null, CancellationToken.None);

        var csv = report.Skills.Single(s => s.Name == "csv-report");
        Assert.Equal(4, csv.TimesLoaded);
        Assert.Equal(3, csv.Runs);
        Assert.Equal(2, csv.SuccessfulRuns);
        Assert.Equal(2.0 / 3, csv.SuccessRate!.Value, 6);
        Assert.Equal(1_200, csv.TokensAdded);
        Assert.Equal(300, csv.AverageTokensPerLoad, 6);
        Assert.Equal(0, csv.RunsWithout);
        Assert.False(csv.Flagged);
        var git = report.Skills.Single(s => s.Name == "git-notes");
        Assert.Equal(1, git.Runs);
        Assert.Equal(1.0, git.SuccessRate);
        Assert.Equal(2, git.RunsWithout);
        Assert.Equal(0.5, git.SuccessRateWithout);
        Assert.Equal("csv-report", report.Skills[0].Name);
        Assert.Equal(3, report.Runs);
    }

    [Fact]
    public async Task A_skill_whose_runs_fail_more_often_than_the_baseline_is_flagged()
    {
        for (var i = 0; i < 6; i++)
        {
            var session = await SessionAsync(i == 0 ? SessionStatus.Done : SessionStatus.Failed);
            Load(session, "flaky-deploy", 500);
            Load(session, "csv-report", 200);
        }

        for (var i = 0; i < 10; i++)
        {
            var session = await SessionAsync(i == 0 ? SessionStatus.Failed : SessionStatus.Done);
            Load(session, "csv-report", 200);
        }

        var report = await Calculator().ComputeAsync(null, CancellationToken.None);

        var flaky = report.Skills.Single(s => s.Name == "flaky-deploy");
        Assert.True(flaky.Flagged);
        Assert.Equal(6, flaky.Runs);
        Assert.Equal(1.0 / 6, flaky.SuccessRate!.Value, 6);
        Assert.Equal(0.9, flaky.SuccessRateWithout!.Value, 6);
        Assert.Contains("17%", flaky.FlagReason, StringComparison.Ordinal);
        Assert.Contains("90%", flaky.FlagReason, StringComparison.Ordinal);
        Assert.False(report.Skills.Single(s => s.Name == "csv-report").Flagged);
    }

    [Fact]
    public async Task One_failure_does_not_flag_a_skill()
    {
        var failed = await SessionAsync(SessionStatus.Failed);
        Load(failed, "rare-skill", 100);
        for (var i = 0; i < 10; i++)
        {
            await SessionAsync(SessionStatus.Done);
        }

        var report = await Calculator().ComputeAsync(null, CancellationToken.None);

        var rare = Assert.Single(report.Skills);
        Assert.Equal(0.0, rare.SuccessRate);
        Assert.Equal(1.0, rare.SuccessRateWithout);
        Assert.False(rare.Flagged);
        Assert.Null(rare.FlagReason);
    }

    [Fact]
    public async Task Running_sessions_have_no_outcome_and_older_loads_fall_outside_the_period()
    {
        var old = await SessionAsync(SessionStatus.Failed);
        Load(old, "csv-report", 100);
        _clock.Advance(TimeSpan.FromDays(10));
        var since = _clock.GetUtcNow();
        var running = await SessionAsync(SessionStatus.Running);
        var done = await SessionAsync(SessionStatus.Done);
        Load(running, "csv-report", 100);
        Load(done, "csv-report", 100);

        var all = await Calculator().ComputeAsync(null, CancellationToken.None);
        var recent = await Calculator().ComputeAsync(since, CancellationToken.None);

        var allTime = Assert.Single(all.Skills);
        Assert.Equal(3, allTime.TimesLoaded);
        Assert.Equal(2, allTime.Runs);
        Assert.Equal(0.5, allTime.SuccessRate);
        var period = Assert.Single(recent.Skills);
        Assert.Equal(2, period.TimesLoaded);
        Assert.Equal(1, period.Runs);
        Assert.Equal(1.0, period.SuccessRate);
        Assert.Equal(1, recent.Runs);
    }

    [Fact]
    public async Task Loads_survive_reopening_and_keep_their_fields()
    {
        var session = await SessionAsync(SessionStatus.Done);
        Action<SkillLoad> callback = _log.Record;
        callback(new SkillLoad(session, "csv-report", "sha256:abc", 321));
        await _log.RecordAsync(new SkillLoad(session, "git-notes", null, 12), CancellationToken.None);
        _log.Dispose();

        _log = await SkillUsageLog.OpenAsync(DatabasePath, _clock, CancellationToken.None);
        var rows = await _log.ReadAsync(null, CancellationToken.None);

        Assert.Equal(2, rows.Count);
        Assert.Equal(new SkillLoadRecord(rows[0].Id, session, "csv-report", "sha256:abc", 321, _clock.GetUtcNow()), rows[0]);
        Assert.Null(rows[1].ContentHash);
        Assert.Equal(0, _log.FailedWrites);
        Assert.NotNull(await _store.GetSessionAsync(session, CancellationToken.None));
    }

    [Fact]
    public async Task A_database_of_another_application_is_refused_and_left_alone()
    {
        var foreign = Path.Combine(_root, "other.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);";
            await command.ExecuteNonQueryAsync();
        }

        var before = await File.ReadAllBytesAsync(foreign);

        var error = await Assert.ThrowsAsync<Chitin.Platform.Sqlite.DatabaseException>(() => SkillUsageLog.OpenAsync(foreign, CancellationToken.None));

        Assert.Contains("another application", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(foreign));
        await using var check = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={foreign};Pooling=False");
        await check.OpenAsync();
        await using var tables = check.CreateCommand();
        tables.CommandText = "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'skill%';";
        Assert.Equal(0L, await tables.ExecuteScalarAsync());
    }

    private SkillStatsCalculator Calculator() => new(_log, _store);

    private void Load(string sessionId, string skill, int tokens) => _log.Record(new SkillLoad(sessionId, skill, "sha256:" + skill, tokens));

    private async Task<string> SessionAsync(SessionStatus status)
    {
        var id = $"20260301-090000-{++_sessions:x6}";
        await _store.CreateSessionAsync(new SessionInfo { Id = id, Title = "t", Workspace = _root, Status = SessionStatus.Running }, CancellationToken.None);
        await _store.UpdateSessionAsync(id, status, null, CancellationToken.None);
        return id;
    }
}
