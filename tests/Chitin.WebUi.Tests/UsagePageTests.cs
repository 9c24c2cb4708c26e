using System.Globalization;
using Chitin.Core.Metering;
using Microsoft.Extensions.DependencyInjection;

namespace Chitin.WebUi.Tests;

/// <summary>
/// The Usage page against known metering rows. Its own gateway: nothing else in this class calls the model, so the
/// totals are exactly the seeded rows.
/// </summary>
public sealed class UsagePageTests(WebUiFixture fixture) : IClassFixture<WebUiFixture>
{
    [Fact]
    public async Task The_usage_charts_render_with_the_right_totals_bars_and_labels()
    {
        var today = DateTimeOffset.UtcNow;
        var yesterday = today.AddDays(-1);
        var store = fixture.Gateway.App.Services.GetRequiredService<IUsageStore>();
        await store.RecordUsageAsync(Row("s1", "gpt-5-mini", "researcher", "openai", 1_000, 250, 200, 0.25m, today), CancellationToken.None);
        await store.RecordUsageAsync(Row("s1", "gpt-5-mini", "researcher", "openai", 2_000, 1_000, 300, 0.50m, today), CancellationToken.None);
        await store.RecordUsageAsync(Row("s2", "claude-sonnet-4", "default", "anthropic", 4_000, 0, 500, 1.25m, yesterday), CancellationToken.None);

        // Outside the 7-day range: counted only in the 30-day view.
        await store.RecordUsageAsync(Row("s3", "claude-sonnet-4", "default", "anthropic", 10_000, 0, 1_000, 3m, today.AddDays(-20)), CancellationToken.None);

        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/usage");

        await Expect(page.Locator("#total-calls")).ToHaveTextAsync("3");
        await Expect(page.Locator("#total-input")).ToHaveTextAsync("7,000");
        await Expect(page.Locator("#total-output")).ToHaveTextAsync("1,000");
        await Expect(page.Locator("#total-tokens")).ToHaveTextAsync("8,000");
        await Expect(page.Locator("#total-cache-hit")).ToHaveTextAsync("17.9%");
        await Expect(page.Locator("#total-cost")).ToHaveTextAsync("$2.00");

        // One bar per day of the range, labelled with the day; the day with usage carries its figure.
        await Expect(page.Locator("#chart-day-tokens svg rect.bar")).ToHaveCountAsync(7);
        await Expect(page.Locator("#chart-day-tokens svg text.label")).ToContainTextAsync([Day(yesterday), Day(today)]);
        await Expect(page.Locator("#chart-day-tokens svg text.value").Last).ToHaveTextAsync("3,500");
        await Expect(page.Locator("#chart-day-cost svg text.value").Last).ToHaveTextAsync("$0.7500");

        // By model, agent and endpoint: one bar per key, biggest cost first.
        await Expect(page.Locator("#chart-model-cost svg text.label")).ToHaveTextAsync(["claude-sonnet-4", "gpt-5-mini"]);
        await Expect(page.Locator("#chart-model-cost svg text.value")).ToHaveTextAsync(["$1.25", "$0.7500"]);
        await Expect(page.Locator("#chart-agent-tokens svg text.label")).ToHaveTextAsync(["default", "researcher"]);
        await Expect(page.Locator("#chart-endpoint-tokens svg text.label")).ToHaveTextAsync(["anthropic", "openai"]);
        await Expect(page.Locator("#chart-model-cache svg text.value")).ToHaveTextAsync(["0.0%", "41.7%"]);

        // The chart is named for assistive technology.
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Tokens by model" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "30 days" }).ClickAsync();
        await Expect(page.Locator("#total-calls")).ToHaveTextAsync("4");
        await Expect(page.Locator("#total-cost")).ToHaveTextAsync("$5.00");
        await Expect(page.Locator("#chart-day-tokens svg rect.bar")).ToHaveCountAsync(30);
    }

    [Fact]
    public async Task Served_through_the_real_gateway_the_page_is_html_with_the_chart_markup()
    {
        using var client = new HttpClient { BaseAddress = fixture.Address };
        client.DefaultRequestHeaders.Add("Cookie", $"{Auth.WebSessionCookie.Name}={Auth.WebSessionCookie.ValueFor(fixture.Token)}");
        var response = await client.GetAsync(new Uri("/usage?days=30", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg class=\"bars\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"page\">30 days", html, StringComparison.Ordinal);
        Assert.Contains("Heartbeat spend", html, StringComparison.Ordinal);
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static UsageRecord Row(string session, string model, string agent, string provider, long input, long cached, long output, decimal cost, DateTimeOffset at) => new()
    {
        SessionId = session,
        Model = model,
        Agent = agent,
        Provider = provider,
        InputTokens = input,
        CachedInputTokens = cached,
        OutputTokens = output,
        CostUsd = cost,
        CreatedAt = at,
    };
}
