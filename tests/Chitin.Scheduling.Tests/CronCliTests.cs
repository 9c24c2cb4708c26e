using System.Text.Json;
using Chitin.Scheduling.Cron;
using Chitin.Scheduling.Tests.Support;

namespace Chitin.Scheduling.Tests;

public sealed class CronCliTests
{
    private static readonly DateTimeOffset Friday = new(2026, 3, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Add_list_and_remove_round_trip_as_json()
    {
        await using var sandbox = await SchedulingSandbox.StartAsync(Friday);

        var every = await sandbox.RunCliAsync("cron", "add", "--every", "10m", "--task", "check the build", "--json");
        var cron = await sandbox.RunCliAsync("cron", "add", "--cron", "0 9 * * 1-5", "--tz", "Europe/Berlin", "--task", "inbox summary", "--deliver", "telegram:123456", "--json");
        var at = await sandbox.RunCliAsync("cron", "add", "--at", "2026-03-28T10:00:00+01:00", "--task", "call home", "--json");
        Assert.Equal([0, 0, 0], new[] { every.ExitCode, cron.ExitCode, at.ExitCode });
        var everyId = Id(every.Stdout);
        var cronId = Id(cron.Stdout);
        var atId = Id(at.Stdout);

        var listed = await sandbox.RunCliAsync("cron", "list", "--json");
        using (var jobs = JsonDocument.Parse(listed.Stdout))
        {
            var byId = jobs.RootElement.EnumerateArray().ToDictionary(j => j.GetProperty("id").GetString()!, j => j);
            Assert.Equal([everyId, cronId, atId], jobs.RootElement.EnumerateArray().Select(j => j.GetProperty("id").GetString()));
            Assert.Equal(("every", "10m", "check the build"), (Text(byId[everyId], "kind"), Text(byId[everyId], "expression"), Text(byId[everyId], "task")));
            Assert.Equal(("cron", "0 9 * * 1-5", "Europe/Berlin", "telegram:123456"), (Text(byId[cronId], "kind"), Text(byId[cronId], "expression"), Text(byId[cronId], "time_zone"), Text(byId[cronId], "deliver")));
            Assert.Equal(("at", "2026-03-28T09:00:00Z"), (Text(byId[atId], "kind"), Text(byId[atId], "expression")));
            Assert.Equal(Friday.AddMinutes(10), byId[everyId].GetProperty("next_due").GetDateTimeOffset());
            Assert.Equal(new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero), byId[cronId].GetProperty("next_due").GetDateTimeOffset());
            Assert.Equal(JsonValueKind.Null, byId[everyId].GetProperty("last_run").ValueKind);
        }

        var removed = await sandbox.RunCliAsync("cron", "remove", cronId, "--json");
        var again = await sandbox.RunCliAsync("cron", "remove", cronId);
        var after = await sandbox.RunCliAsync("cron", "list", "--json");

        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(cronId, Id(removed.Stdout));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains($"no cron job '{cronId}'", again.Stderr, StringComparison.Ordinal);
        using var remaining = JsonDocument.Parse(after.Stdout);
        Assert.Equal([everyId, atId], remaining.RootElement.EnumerateArray().Select(j => j.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("unparsable cron", new[] { "--cron", "0 9 * *" }, "is not a valid cron expression")]
    [InlineData("unknown zone", new[] { "--cron", "0 9 * * *", "--tz", "Mars/Olympus" }, "unknown time zone 'Mars/Olympus'")]
    [InlineData("past", new[] { "--at", "2026-03-27T11:00:00Z" }, "is in the past")]
    [InlineData("bad duration", new[] { "--every", "10 minutes" }, "s, m or h")]
    [InlineData("day unit", new[] { "--every", "1d" }, "s, m or h")]
    [InlineData("two schedules", new[] { "--every", "10m", "--at", "2026-03-28T10:00:00Z" }, "exactly one of --every")]
    [InlineData("no schedule", new string[0], "exactly one of --every")]
    [InlineData("tz without cron", new[] { "--every", "10m", "--tz", "Europe/Berlin" }, "--tz applies to --cron only")]
    [InlineData("bad target", new[] { "--every", "10m", "--deliver", "telegram" }, "is not a delivery target")]
    public async Task Bad_input_is_a_usage_error_that_says_what_to_write(string why, string[] schedule, string message)
    {
        await using var sandbox = await SchedulingSandbox.StartAsync(Friday);

        var result = await sandbox.RunCliAsync(["cron", "add", .. schedule, "--task", "anything"]);

        Assert.True(result.ExitCode == 2, $"{why}: exit {result.ExitCode}, {result.Stderr}");
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Empty(sandbox.Store.List());
    }

    [Fact]
    public async Task Run_executes_the_job_now_through_the_host_and_prints_the_answer()
    {
        await using var sandbox = await SchedulingSandbox.StartAsync(Friday, "all 12 tests pass");
        var job = sandbox.Store.Add(CronSchedule.ForEvery("1h"), "run the tests", null, Friday);

        var result = await sandbox.RunCliAsync("cron", "run", job.Id);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("all 12 tests pass", result.Stdout, StringComparison.Ordinal);
        var run = Assert.Single(sandbox.Store.Runs(job.Id));
        Assert.Equal(("manual", CronRunStatus.Done, "all 12 tests pass"), (run.Trigger, run.Status, run.Output));
        Assert.False(string.IsNullOrEmpty(run.SessionId));
        Assert.Equal(1, sandbox.ChatRequests);
    }

    private static string Id(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("id").GetString()!;
    }

    private static string? Text(JsonElement element, string property) => element.GetProperty(property).GetString();
}
