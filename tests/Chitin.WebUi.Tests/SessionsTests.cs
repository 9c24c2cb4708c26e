using System.Text.Json;
using System.Text.RegularExpressions;

namespace Chitin.WebUi.Tests;

public sealed class SessionsTests(WebUiFixture fixture) : IClassFixture<WebUiFixture>
{
    [Fact]
    public async Task A_session_from_chitin_run_is_found_shown_exported_and_resumed_in_chat()
    {
        await ChitinRun.RunAsync(fixture, "summarise the quarterly zebra report");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/sessions");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search sessions" }).FillAsync("zebra");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sessions\?q=zebra$"));

        var rows = page.Locator("table.sessions tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await rows.First.Locator("a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sessions/[0-9A-Za-z_-]+$"));
        var transcript = page.Locator(".transcript");
        await Expect(transcript.Locator(".msg.user")).ToContainTextAsync("summarise the quarterly zebra report");
        await Expect(transcript.Locator(".msg.assistant")).ToContainTextAsync(ScriptedAnswers.Greeting);

        var markdown = await DownloadAsync(page, "Export Markdown");
        Assert.Contains("## User", markdown, StringComparison.Ordinal);
        Assert.Contains(ScriptedAnswers.Greeting, markdown, StringComparison.Ordinal);
        var jsonl = (await DownloadAsync(page, "Export JSONL")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(jsonl, line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString() == ScriptedAnswers.Greeting);

        var id = new Uri(page.Url).Segments[^1];
        await page.GetByRole(AriaRole.Link, new() { Name = "Resume in chat" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/chat/" + Regex.Escape(id) + "$"));
        await Expect(page.Locator("#transcript .msg.user").First).ToContainTextAsync("zebra report");
        await page.GetByLabel("Message").FillAsync("and one more thing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.Locator("#transcript .msg.assistant")).ToHaveCountAsync(2);

        // The resumed turn continued the CLI's session: the model saw the earlier exchange.
        Assert.Contains(fixture.Model.Requests, r => r.Parsed is { } p && p.Messages.Any(m => m.Text.Contains("and one more thing", StringComparison.Ordinal)) && p.Messages.Any(m => m.Text.Contains("zebra", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_transcript_with_markup_in_model_text_renders_it_as_text()
    {
        await ChitinRun.RunAsync(fixture, "tell me something hostile about giraffes");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/sessions?q=giraffes");
        await page.Locator("table.sessions tbody tr a").First.ClickAsync();

        await Expect(page.Locator(".transcript .msg.assistant")).ToContainTextAsync(ScriptedAnswers.Hostile);
        await ChatTests.AssertInertAsync(page);
    }

    [Fact]
    public async Task An_unknown_session_says_so()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/sessions/no-such-session");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Session not found");
    }

    private static async Task<string> DownloadAsync(IPage page, string link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync());
        var path = await download.PathAsync();
        return await File.ReadAllTextAsync(path);
    }
}
