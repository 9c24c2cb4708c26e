using System.Net;
using Chitin.Core.Metering;
using Chitin.Gateway.Storage;
using Chitin.WebUi.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Chitin.WebUi.Tests;

/// <summary>The Runs page over plain HTTP through the real gateway.</summary>
public sealed class RunsPageTests(WebUiFixture fixture) : IClassFixture<WebUiFixture>
{
    [Fact]
    public async Task Gateway_runs_are_listed_newest_first_with_their_session_tokens_and_cost()
    {
        var services = fixture.Gateway.App.Services;
        var store = services.GetRequiredService<GatewayStore>();
        await store.StartRunAsync("run_old", "web:first", "sess-runs-1", "ws", CancellationToken.None);
        await store.FinishRunAsync("run_old", "sess-runs-1", "failed", "provider said <b>no</b>", CancellationToken.None);
        await store.StartRunAsync("run_new", "web:second", null, "api", CancellationToken.None);
        await services.GetRequiredService<IUsageStore>().RecordUsageAsync(
            new UsageRecord { SessionId = "sess-runs-1", Model = "gpt-5-mini", InputTokens = 1_200, OutputTokens = 300, CostUsd = 0.0042m, CreatedAt = DateTimeOffset.UtcNow },
            CancellationToken.None);

        using var client = new HttpClient { BaseAddress = fixture.Address };
        client.DefaultRequestHeaders.Add("Cookie", $"{WebSessionCookie.Name}={WebSessionCookie.ValueFor(fixture.Token)}");
        var response = await client.GetAsync(new Uri("/runs", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var newer = html.IndexOf("data-run=\"run_new\"", StringComparison.Ordinal);
        var older = html.IndexOf("data-run=\"run_old\"", StringComparison.Ordinal);
        Assert.True(newer > 0 && older > newer, "both runs listed, newest first");
        Assert.Contains("1,500", html, StringComparison.Ordinal);
        Assert.Contains("$0.0042", html, StringComparison.Ordinal);
        Assert.Contains("provider said &lt;b&gt;no&lt;/b&gt;", html, StringComparison.Ordinal);

        // Only the running run offers Cancel.
        Assert.Contains("aria-label=\"Cancel run run_new\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("aria-label=\"Cancel run run_old\"", html, StringComparison.Ordinal);
    }
}
