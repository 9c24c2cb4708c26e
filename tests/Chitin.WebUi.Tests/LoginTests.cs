using System.Net;
using System.Text.RegularExpressions;
using Chitin.WebUi.Auth;

namespace Chitin.WebUi.Tests;

public sealed partial class LoginTests(WebUiFixture fixture) : IClassFixture<WebUiFixture>
{
    [Fact]
    public async Task Logging_in_with_the_token_sets_the_session_cookie_and_returns_to_the_page_asked_for()
    {
        var page = await fixture.NewPageAsync(loggedIn: false);
        await page.GotoAsync("/sessions");
        await Expect(page).ToHaveURLAsync(LoginUrl());

        await page.GetByLabel("Gateway token").FillAsync(fixture.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(EndsWith("/sessions"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sessions", Level = 1 })).ToBeVisibleAsync();
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == WebSessionCookie.Name);
        Assert.Equal(WebSessionCookie.ValueFor(fixture.Token), cookie.Value);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("/", cookie.Path);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_with_the_form_again()
    {
        var page = await fixture.NewPageAsync(loggedIn: false);
        await page.GotoAsync("/login");
        await page.GetByLabel("Gateway token").FillAsync("not-the-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That is not the gateway token.");
        await Expect(page).ToHaveURLAsync(LoginUrl());
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == WebSessionCookie.Name);

        // Still locked out: the chat page sends the browser back to the login form.
        await page.GotoAsync("/chat");
        await Expect(page).ToHaveURLAsync(LoginUrl());
    }

    [Fact]
    public async Task A_token_in_the_query_sets_the_cookie_once_and_is_stripped_from_the_url()
    {
        var page = await fixture.NewPageAsync(loggedIn: false);
        await page.GotoAsync($"/settings?token={Uri.EscapeDataString(fixture.Token)}&tab=config");

        await Expect(page).ToHaveURLAsync(EndsWith("/settings?tab=config"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Settings", Level = 1 })).ToBeVisibleAsync();
        Assert.Contains(await page.Context.CookiesAsync(), c => c.Name == WebSessionCookie.Name && c.Value == WebSessionCookie.ValueFor(fixture.Token));
    }

    [Fact]
    public async Task Apis_still_answer_401_and_pages_redirect_to_login_without_credentials()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Address };
        var api = await client.GetAsync(new Uri("/api/status", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/chat");
        request.Headers.Accept.ParseAdd("text/html");
        var pageResponse = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, pageResponse.StatusCode);
        Assert.Equal("/login?next=%2Fchat", pageResponse.Headers.Location?.OriginalString);

        // The cookie alone is enough for the API too (the browser's chat page uses it for /ws).
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        withCookie.Headers.Add("Cookie", $"{WebSessionCookie.Name}={WebSessionCookie.ValueFor(fixture.Token)}");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(withCookie)).StatusCode);
    }

    [Fact]
    public async Task Logging_out_clears_the_cookie()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/chat");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(LoginUrl());
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == WebSessionCookie.Name);
    }

    private static Regex EndsWith(string pathAndQuery) => new(Regex.Escape(pathAndQuery) + "$");

    [GeneratedRegex(@"/login(\?.*)?$")]
    private static partial Regex LoginUrl();
}
