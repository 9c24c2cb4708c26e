using System.Net;
using System.Net.Http.Headers;
using Chitin.Gateway.Hosting;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Gateway.Tests;

public sealed class AuthTests
{
    [Fact]
    public async Task Api_without_the_token_is_401_and_healthz_answers_only_ok()
    {
        await using var f = await GatewayFixture.StartAsync(ModelScript.FromSteps(ScriptStep.Text("hi")));
        using var anonymous = new HttpClient { BaseAddress = f.Gateway.Address };

        var models = await anonymous.GetAsync(new Uri("/v1/models", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, models.StatusCode);
        Assert.Equal("Bearer", models.Headers.WwwAuthenticate.Single().Scheme);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/sessions");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(wrong)).StatusCode);

        var health = await anonymous.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", await health.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await f.Client.GetAsync(new Uri("/v1/models", UriKind.Relative))).StatusCode);
        Assert.Empty(f.Model.Requests);
    }

    [Fact]
    public async Task The_token_is_created_owner_only_in_the_gateway_folder()
    {
        await using var f = await GatewayFixture.StartAsync(ModelScript.FromSteps(ScriptStep.Text("hi")));
        var file = Path.Combine(f.Home, "gateway", "token");
        Assert.Equal(f.Gateway.Token, File.ReadAllText(file).Trim());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        Assert.True(f.Gateway.Token!.Length >= 40);
    }

    [Fact]
    public async Task A_non_loopback_bind_without_auth_is_refused_at_start()
    {
        var root = Directory.CreateTempSubdirectory("chitin-gateway-test-").FullName;
        try
        {
            await using var model = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("hi")));
            var context = GatewayFixture.Context(root, model, """{ "gateway": { "auth": "none" } }""");
            var error = await Assert.ThrowsAsync<GatewayStartException>(() =>
                GatewayApp.StartAsync(new GatewayLaunch { Context = context, Port = 0, Bind = "0.0.0.0" }, CancellationToken.None));
            Assert.Contains("refusing to listen on 0.0.0.0", error.Message, StringComparison.Ordinal);
            Assert.Contains("gateway.auth \"none\"", error.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(root, "home", "gateway", "token")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Auth_none_on_loopback_needs_no_token()
    {
        await using var f = await GatewayFixture.StartAsync(ModelScript.FromSteps(ScriptStep.Text("hi")), """{ "gateway": { "auth": "none" } }""");
        Assert.Null(f.Gateway.Token);
        using var anonymous = new HttpClient { BaseAddress = f.Gateway.Address };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/v1/models", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Failed_attempts_past_the_limit_get_429_with_retry_after_even_with_the_right_token()
    {
        await using var f = await GatewayFixture.StartAsync(ModelScript.FromSteps(ScriptStep.Text("hi")), """{ "gateway": { "maxFailedAuth": 3 } }""");
        using var anonymous = new HttpClient { BaseAddress = f.Gateway.Address };
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/sessions", UriKind.Relative))).StatusCode);
        }

        var limited = await f.Client.GetAsync(new Uri("/api/sessions", UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retry = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retry);
        Assert.InRange(retry.Value.TotalSeconds, 1, 60);
    }

    [Fact]
    public async Task Browser_origins_outside_the_allow_list_are_refused()
    {
        await using var f = await GatewayFixture.StartAsync(ModelScript.FromSteps(ScriptStep.Text("hi")), """{ "gateway": { "allowedOrigins": ["http://localhost:5173"] } }""");

        using var evil = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        evil.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await f.Client.SendAsync(evil)).StatusCode);

        using var allowed = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        allowed.Headers.Add("Origin", "http://localhost:5173");
        var answer = await f.Client.SendAsync(allowed);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("http://localhost:5173", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task A_bad_gateway_setting_fails_at_start_naming_the_key()
    {
        var root = Directory.CreateTempSubdirectory("chitin-gateway-test-").FullName;
        try
        {
            await using var model = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("hi")));
            var context = GatewayFixture.Context(root, model, """{ "gateway": { "auth": "nobody", "allowedOrigins": ["not an origin"] } }""");
            var error = await Assert.ThrowsAsync<Chitin.Hosting.Configuration.ConfigException>(() =>
                GatewayApp.StartAsync(new GatewayLaunch { Context = context, Port = 0 }, CancellationToken.None));
            var issues = string.Join("\n", error.Issues.Select(i => i.Format("error")));
            Assert.Contains("gateway.auth", issues, StringComparison.Ordinal);
            Assert.Contains("\"token\"", issues, StringComparison.Ordinal);
            Assert.Contains("must be an origin", issues, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
