namespace Chitin.WebUi.Tests;

public sealed class LayoutTests(WebUiFixture fixture) : IClassFixture<WebUiFixture>
{
    [Fact]
    public async Task The_first_tab_reaches_the_skip_link_and_the_nav_lists_every_page()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/sessions");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(":focus")).ToHaveTextAsync("Skip to content");

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" });
        string[] pages = ["Chat", "Sessions", "Runs", "Usage", "Memory", "Skills", "Providers", "Cron & heartbeat", "Channels", "Settings"];
        await Expect(nav.GetByRole(AriaRole.Link)).ToHaveTextAsync(pages);
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Sessions" })).ToHaveClassAsync("active");
    }

    [Fact]
    public async Task On_a_phone_width_screen_the_nav_collapses_behind_a_menu_toggle()
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(390, 800);
        await page.GotoAsync("/chat");
        var usage = page.GetByRole(AriaRole.Link, new() { Name = "Usage" });
        await Expect(usage).ToBeHiddenAsync();

        await page.GetByText("Menu").ClickAsync();
        await Expect(usage).ToBeVisibleAsync();
        await usage.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Usage", Level = 1 })).ToBeVisibleAsync();
    }
}
