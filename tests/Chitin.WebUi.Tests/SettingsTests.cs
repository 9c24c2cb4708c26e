using System.Text.RegularExpressions;

namespace Chitin.WebUi.Tests;

public sealed class SettingsTests(WebUiFixture fixture) : IClassFixture<WebUiFixture>
{
    [Fact]
    public async Task The_configuration_is_shown_with_secrets_masked()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/settings");

        var main = page.Locator("#main");
        await Expect(main).ToContainTextAsync("provider.apiKey");
        await Expect(main).ToContainTextAsync("write_file");
        Assert.DoesNotContain(WebUiContext.ProviderKey, await main.InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(WebUiContext.ProviderKey, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Token, await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotating_the_token_shows_the_new_one_once_and_signs_out_other_browsers()
    {
        var before = fixture.Token;
        var other = await fixture.NewPageAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/settings");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate token" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The token was rotated");
        var shown = (await page.Locator("#new-token").InnerTextAsync()).Trim();
        Assert.NotEqual(before, shown);
        Assert.Equal(fixture.Token, shown);
        Assert.Equal(shown, (await File.ReadAllTextAsync(Path.Combine(fixture.Root, "home", "gateway", "token"))).Trim());

        // This browser got a cookie for the new token; the other one's cookie no longer works.
        await page.GotoAsync("/settings");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Rotate token" })).ToBeVisibleAsync();
        Assert.DoesNotContain(shown, await page.ContentAsync(), StringComparison.Ordinal);
        await other.GotoAsync("/chat");
        await Expect(other).ToHaveURLAsync(new Regex(@"/login\?next="));

        using var client = new HttpClient { BaseAddress = fixture.Address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", before);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/status", UriKind.Relative))).StatusCode);
    }
}
