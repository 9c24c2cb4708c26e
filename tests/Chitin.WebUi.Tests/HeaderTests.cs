using System.Net;

namespace Chitin.WebUi.Tests;

public sealed class HeaderTests(WebUiFixture fixture) : IClassFixture<WebUiFixture>
{
    private const string Csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    [Theory]
    [InlineData("/login")]
    [InlineData("/chat")]
    [InlineData("/sessions")]
    [InlineData("/settings")]
    [InlineData("/usage")]
    public async Task Every_page_sends_the_csp_and_security_headers(string path)
    {
        var page = await fixture.NewPageAsync();
        var response = await page.GotoAsync(path);
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        var headers = await response.AllHeadersAsync();
        Assert.Equal(Csp, headers["content-security-policy"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("no-referrer", headers["referrer-policy"]);
        Assert.Equal("DENY", headers["x-frame-options"]);
    }

    [Fact]
    public async Task Assets_are_served_with_their_content_types_and_cached_by_hash()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/chat");
        var css = await page.Locator("link[rel=stylesheet]").GetAttributeAsync("href");
        var js = await page.Locator("script[type=module]").GetAttributeAsync("src");
        Assert.Matches("^/assets/site\\.css\\?v=[0-9a-f]{16}$", css);
        Assert.Matches("^/assets/chat\\.js\\?v=[0-9a-f]{16}$", js);

        using var client = new HttpClient { BaseAddress = fixture.Address };
        foreach (var (url, type) in new[] { (css!, "text/css; charset=utf-8"), (js!, "text/javascript; charset=utf-8") })
        {
            var asset = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            Assert.Equal(type, asset.Content.Headers.ContentType?.ToString());
            Assert.Equal("public, max-age=31536000, immutable", asset.Headers.NonValidated["Cache-Control"].ToString());
            Assert.Equal("nosniff", asset.Headers.GetValues("X-Content-Type-Options").Single());
        }

        // The ETag answers a revalidation with 304; an unknown asset is 404; assets need no login (the login page uses them).
        var plain = await client.GetAsync(new Uri("/assets/site.css", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal("no-cache", plain.Headers.CacheControl?.ToString());
        using var again = new HttpRequestMessage(HttpMethod.Get, "/assets/site.css");
        again.Headers.IfNoneMatch.Add(plain.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/assets/missing.js", UriKind.Relative))).StatusCode);
    }
}
