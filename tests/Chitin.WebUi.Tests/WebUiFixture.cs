using Chitin.Gateway.Hosting;
using Chitin.Hosting;
using Chitin.Testing.Server;
using Chitin.WebUi.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Chitin.WebUi.Tests;

/// <summary>
/// One real gateway (Kestrel on loopback, the scripted model behind it) and one headless Debian chromium, shared by
/// a test class. Each test opens its own browser context, so cookies never leak between tests.
/// </summary>
public sealed class WebUiFixture : IAsyncLifetime
{
    /// <summary>The Debian package scripts/setup installs; Playwright is pointed at it, never at a downloaded browser.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public string Root { get; } = Directory.CreateTempSubdirectory("chitin-webui-test-").FullName;

    public ScriptedModelServer Model { get; private set; } = default!;

    public RunningGateway Gateway { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public HostContext Context { get; private set; } = default!;

    /// <summary>The live token (the Settings page can rotate it).</summary>
    public string Token => Gateway.App.Services.GetRequiredService<IWebAuthority>().Token!;

    public string Workspace => Context.WorkingDirectory;

    public Uri Address => Gateway.Address;

    public async Task InitializeAsync()
    {
        Model = await ScriptedModelServer.StartAsync(ScriptedAnswers.Create());
        Context = WebUiContext.Create(Root, Model);
        Gateway = await GatewayApp.StartAsync(new GatewayLaunch { Context = Context, Port = 0 }, CancellationToken.None);
        // The first turn of a fresh gateway pays for JIT and the silo's warm-up on a shared, busy machine.
        SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,

            // Chromium refuses to start its sandbox as root (CI runs as root).
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
    }

    /// <summary>A fresh browser context (no cookies) and a page in it; logged in when asked.</summary>
    public async Task<IPage> NewPageAsync(bool loggedIn = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Address.ToString() });
        if (loggedIn)
        {
            await context.AddCookiesAsync([new Cookie { Name = WebSessionCookie.Name, Value = WebSessionCookie.ValueFor(Token), Url = Address.ToString() }]);
        }

        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        if (Model is not null)
        {
            await Model.DisposeAsync();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
