using System.Net;
using Chitin.Scheduling.Cron;
using Chitin.Scheduling.Storage;
using Chitin.WebUi.Auth;

namespace Chitin.WebUi.Tests;

/// <summary>The Cron &amp; heartbeat page over plain HTTP through the real gateway (no browser needed to read a table).</summary>
public sealed class CronPageTests(WebUiFixture fixture) : IClassFixture<WebUiFixture>
{
    [Fact]
    public async Task A_stored_job_is_listed_with_its_schedule_and_its_task_as_text()
    {
        var store = CronJobStore.Open(Path.Combine(fixture.Root, "home", "chitin.db"));
        var job = store.Add(CronSchedule.ForEvery("1h"), "Summarise the inbox <script>window.__pwned=1</script>", deliver: null, DateTimeOffset.UtcNow);

        using var client = new HttpClient { BaseAddress = fixture.Address };
        client.DefaultRequestHeaders.Add("Cookie", $"{WebSessionCookie.Name}={WebSessionCookie.ValueFor(fixture.Token)}");
        var response = await client.GetAsync(new Uri("/cron", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<tr data-id=\"{job.Id}\">", html, StringComparison.Ordinal);
        Assert.Contains("every 1h", html, StringComparison.Ordinal);
        Assert.Contains("Summarise the inbox &lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>window.__pwned", html, StringComparison.Ordinal);
        Assert.Contains("No beats since the gateway started.", html, StringComparison.Ordinal);
    }
}
