namespace Chitin.WebUi.Tests;

public sealed class ChatTests(WebUiFixture fixture) : IClassFixture<WebUiFixture>
{
    [Fact]
    public async Task A_message_is_answered_by_a_streamed_reply_and_the_token_counter_moves()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/chat");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/chat/[0-9a-f]{12}$"));

        // Every state of the reply's text as the browser shows it, recorded as deltas arrive.
        await page.EvaluateAsync("""
            () => {
              window.__seen = [];
              new MutationObserver(() => {
                const last = [...document.querySelectorAll('#transcript .msg.assistant')].pop();
                if (last) window.__seen.push(last.textContent);
              }).observe(document.getElementById('transcript'), { childList: true, subtree: true, characterData: true });
            }
            """);
        await page.GetByLabel("Message").FillAsync("hello there");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Expect(page.Locator("#transcript .msg.user").Last).ToContainTextAsync("hello there");
        await Expect(page.Locator("#transcript .msg.assistant").Last).ToHaveTextAsync("Chitin" + ScriptedAnswers.Greeting);
        await Expect(page.Locator("#tokens")).Not.ToHaveTextAsync("0");
        await Expect(page.Locator("#cost")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\$\d+\.\d{4}$"));

        var seen = await page.EvaluateAsync<string[]>("() => window.__seen");
        var partial = seen.Where(s => s.Length > "Chitin".Length && s != "Chitin" + ScriptedAnswers.Greeting).ToList();
        Assert.NotEmpty(partial);
        Assert.All(partial, s => Assert.StartsWith(s, "Chitin" + ScriptedAnswers.Greeting, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_ask_is_approved_from_the_page_and_the_tool_runs()
    {
        var target = Path.Combine(fixture.Workspace, ScriptedAnswers.ApprovalFile);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/chat");
        await page.GetByLabel("Message").FillAsync("please write the approval file");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        var ask = page.GetByRole(AriaRole.Group, new() { Name = "Approval for write_file" });
        await Expect(ask).ToBeVisibleAsync();
        Assert.False(File.Exists(target));
        await ask.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        await Expect(ask).ToContainTextAsync("Approved (web)");
        await Expect(page.Locator("#transcript details.tool").Last).ToContainTextAsync("done");
        await Expect(page.Locator("#transcript .msg.assistant").Last).ToContainTextAsync(ScriptedAnswers.FileWritten);
        Assert.Equal("written after approval", await File.ReadAllTextAsync(target));
    }

    [Fact]
    public async Task Model_text_with_markup_is_shown_as_text_live_and_after_a_reload()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/chat");
        await page.GetByLabel("Message").FillAsync("say something hostile");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        var answer = page.Locator("#transcript .msg.assistant").Last;
        await Expect(answer).ToContainTextAsync(ScriptedAnswers.Hostile);
        await AssertInertAsync(page);

        // The same transcript rendered on the server (history of the session).
        await page.ReloadAsync();
        await Expect(page.Locator("#transcript .msg.assistant").Last).ToContainTextAsync(ScriptedAnswers.Hostile);
        await AssertInertAsync(page);
    }

    internal static async Task AssertInertAsync(IPage page)
    {
        Assert.Equal(0, await page.Locator(".transcript img, .transcript script, [onerror]").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.__pwned === 'undefined'"));
    }
}
