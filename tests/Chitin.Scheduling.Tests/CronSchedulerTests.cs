using Chitin.Scheduling.Cron;
using Chitin.Scheduling.Storage;
using Chitin.Scheduling.Tests.Support;
using Chitin.Testing.Scripting;

namespace Chitin.Scheduling.Tests;

public sealed class CronSchedulerTests
{
    private static readonly DateTimeOffset Friday = new(2026, 3, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_job_fires_each_interval_in_a_fresh_session_with_a_run_log()
    {
        await using var sandbox = await SchedulingSandbox.StartAsync(Friday, "build is green");
        var job = sandbox.Store.Add(CronSchedule.ForEvery("10m"), "check the build", null, Friday);
        await sandbox.StartSchedulerAsync();

        var first = await sandbox.AdvanceToAsync(Friday.AddMinutes(10));
        var second = await sandbox.AdvanceToAsync(Friday.AddMinutes(20));

        Assert.Equal([Friday.AddMinutes(10), Friday.AddMinutes(20)], new[] { first.DueAt, second.DueAt });
        Assert.All(new[] { first, second }, run =>
        {
            Assert.Equal(job.Id, run.JobId);
            Assert.Equal(CronRunStatus.Done, run.Status);
            Assert.Equal("build is green", run.Output);
            Assert.Null(run.Error);
            Assert.NotNull(run.Finished);
        });
        Assert.NotEqual(first.SessionId, second.SessionId);
        Assert.Equal(2, sandbox.ChatRequests);
        Assert.Equal(2, sandbox.Store.Runs(job.Id).Count);
    }

    [Fact]
    public async Task Cron_and_at_jobs_fire_at_the_right_instants_across_zones_and_the_spring_change()
    {
        await using var sandbox = await SchedulingSandbox.StartAsync(Friday);
        var night = sandbox.Store.Add(CronSchedule.ForCron("30 2 * * *", "Europe/Berlin"), "nightly report", null, Friday);
        var newYork = sandbox.Store.Add(CronSchedule.ForCron("0 9 * * 1-5", "America/New_York"), "standup notes", null, Friday);
        var once = sandbox.Store.Add(CronSchedule.ForAt("2026-03-28T10:00:00+01:00", Friday), "remind me", null, Friday);
        await sandbox.StartSchedulerAsync();

        // In order of their UTC instants: each step moves the clock to the next expected due time only.
        (DateTimeOffset At, string Job)[] expected =
        [
            (new(2026, 3, 27, 13, 0, 0, TimeSpan.Zero), newYork.Id), // 09:00 EDT (US summer time began 8 March)
            (new(2026, 3, 28, 1, 30, 0, TimeSpan.Zero), night.Id), // 02:30 CET
            (new(2026, 3, 28, 9, 0, 0, TimeSpan.Zero), once.Id), // 10:00+01:00, once
            (new(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), night.Id), // 02:30 skipped by the change: 03:00 CEST
            (new(2026, 3, 30, 0, 30, 0, TimeSpan.Zero), night.Id), // 02:30 CEST
            (new(2026, 3, 30, 13, 0, 0, TimeSpan.Zero), newYork.Id), // Monday; no run on the weekend
        ];
        foreach (var (at, jobId) in expected)
        {
            var run = await sandbox.AdvanceToAsync(at);

            Assert.Equal((jobId, at, CronRunStatus.Done), (run.JobId, run.DueAt!.Value, run.Status));
        }

        Assert.False(sandbox.HasPendingRun);
        Assert.True(sandbox.Store.Find(once.Id)!.Done);
        Assert.Null(sandbox.Store.Find(once.Id)!.NextDue);
        Assert.Single(sandbox.Store.Runs(once.Id));
        Assert.Equal(expected.Length, sandbox.ChatRequests);
    }

    [Fact]
    public async Task A_due_time_while_the_last_run_is_still_going_is_skipped_and_logged()
    {
        using var release = new ManualResetEventSlim();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var script = ModelScript.FromResponder(_ =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                entered.TrySetResult();
                release.Wait(SchedulingSandbox.Patience);
            }

            return ScriptStep.Text("slow answer");
        });
        await using var sandbox = await SchedulingSandbox.StartAsync(script, Friday);
        var job = sandbox.Store.Add(CronSchedule.ForEvery("1m"), "a slow task", null, Friday);
        await sandbox.StartSchedulerAsync();

        sandbox.Clock.SetUtcNow(Friday.AddMinutes(1));
        await entered.Task.WaitAsync(SchedulingSandbox.Patience);
        var skipped = await sandbox.AdvanceToAsync(Friday.AddMinutes(2));
        release.Set();
        var firstDone = await sandbox.NextRunAsync();
        var third = await sandbox.AdvanceToAsync(Friday.AddMinutes(3));

        Assert.Equal((CronRunStatus.Skipped, Friday.AddMinutes(2)), (skipped.Status, skipped.DueAt!.Value));
        Assert.Contains("still going", skipped.Error, StringComparison.Ordinal);
        Assert.Null(skipped.SessionId);
        Assert.Equal((CronRunStatus.Done, Friday.AddMinutes(1)), (firstDone.Status, firstDone.DueAt!.Value));
        Assert.Equal((CronRunStatus.Done, Friday.AddMinutes(3)), (third.Status, third.DueAt!.Value));
        Assert.Equal(2, sandbox.ChatRequests);
        Assert.Equal([CronRunStatus.Done, CronRunStatus.Skipped, CronRunStatus.Done], sandbox.Store.Runs(job.Id).OrderBy(r => r.DueAt).Select(r => r.Status));
    }

    [Fact]
    public async Task A_job_added_by_another_process_while_the_scheduler_sleeps_fires_without_a_restart()
    {
        await using var sandbox = await SchedulingSandbox.StartAsync(Friday, "new job ran");
        await sandbox.StartSchedulerAsync();

        // Another store on the same file stands for 'chitin cron add' in another process: only the change marker tells the scheduler.
        var elsewhere = CronJobStore.Open(sandbox.DatabaseFile);
        var job = elsewhere.Add(CronSchedule.ForEvery("10m"), "added later", null, Friday);

        // Less than the scheduler's longest sleep: only the notification can make it fire.
        var run = await sandbox.AdvanceToAsync(Friday.AddMinutes(10));

        Assert.True(TimeSpan.FromMinutes(10) < Running.CronScheduler.MaxSleep);
        Assert.Equal((job.Id, Friday.AddMinutes(10), CronRunStatus.Done, "new job ran"), (run.JobId, run.DueAt!.Value, run.Status, run.Output));
    }

    [Fact]
    public async Task A_result_that_no_channel_can_deliver_is_kept_in_the_run_log_with_the_error()
    {
        await using var sandbox = await SchedulingSandbox.StartAsync(Friday, "the report");
        var job = sandbox.Store.Add(CronSchedule.ForEvery("5m"), "report", "telegram:42", Friday);
        await sandbox.StartSchedulerAsync();

        var run = await sandbox.AdvanceToAsync(Friday.AddMinutes(5));

        Assert.Equal(job.Id, run.JobId);
        Assert.Equal("the report", run.Output);
        Assert.Contains("not delivered to 'telegram:42'", run.Error, StringComparison.Ordinal);
        Assert.Equal(run, sandbox.Store.Runs(job.Id).Single());
    }
}
