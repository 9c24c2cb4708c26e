using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Chitin.Bench.Gateway;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Chitin.WebUi.Auth;
using Microsoft.Playwright;

namespace Chitin.Bench.WebUi;

/// <summary>
/// The web UI's first view as a browser sees it: chitin-gateway in its own process, /chat loaded in headless Debian
/// chromium with an empty cache (a fresh browser context each time). Prints the bytes transferred (headers and bodies
/// of every response of the load, redirects included; target ≤ 300 KB) and the first contentful paint from the
/// Performance API.
/// </summary>
internal static class WebUiBenchmark
{
    private const string Chromium = "/usr/bin/chromium";

    public static async Task<int> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        if (!File.Exists(Chromium))
        {
            await Console.Error.WriteLineAsync($"webui: {Chromium} is missing; run scripts/setup (it installs the Debian chromium package).");
            return 1;
        }

        var root = Directory.CreateTempSubdirectory("chitin-bench-webui-").FullName;
        try
        {
            await using var model = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(_ => ScriptStep.Text("ok")), ct: cancellationToken);
            var home = Path.Combine(root, "home");
            var workspace = Path.Combine(root, "workspace");
            Directory.CreateDirectory(home);
            Directory.CreateDirectory(workspace);
            var environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["CHITIN_HOME"] = home,
                ["HOME"] = root,
                ["OPENAI_BASE_URL"] = model.BaseUrl + "/v1",
                ["CHITIN_MODEL"] = model.Models[0],
            };
            var port = FreePort();
            using var gateway = await GatewayProcess.StartAsync(port, environment, workspace);
            var token = (await File.ReadAllTextAsync(Path.Combine(home, "gateway", "token"), cancellationToken)).Trim();
            var address = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/";

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
            });

            var loads = quick ? 5 : 15;
            var bytes = new List<long>();
            var paints = new List<double>();
            for (var i = 0; i <= loads; i++)
            {
                var (transferred, fcp) = await LoadChatAsync(browser, address, token);
                if (i == 0)
                {
                    continue; // warm-up: the gateway's first page render pays for JIT
                }

                bytes.Add(transferred);
                paints.Add(fcp);
            }

            paints.Sort();
            var kb = bytes.Max() / 1024.0;
            Console.WriteLine(FormattableString.Invariant($"RESULT web UI first view of /chat: {kb:0.0} KB transferred (target ≤ 300 KB)"));
            Console.WriteLine(FormattableString.Invariant($"RESULT web UI first contentful paint of /chat: median {paints[paints.Count / 2]:0} ms, max {paints[^1]:0} ms over {loads} cold loads"));
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<(long Bytes, double Fcp)> LoadChatAsync(IBrowser browser, string address, string token)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = WebSessionCookie.Name, Value = WebSessionCookie.ValueFor(token), Url = address }]);
        var page = await context.NewPageAsync();
        var responses = new List<IResponse>();
        page.Response += (_, r) =>
        {
            lock (responses)
            {
                responses.Add(r);
            }
        };
        await page.GotoAsync("/chat", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await page.Locator("#send:enabled").WaitForAsync();
        var fcp = await page.EvaluateAsync<double>("""
            () => new Promise(resolve => {
              const seen = performance.getEntriesByName('first-contentful-paint');
              if (seen.length) { resolve(seen[0].startTime); return; }
              new PerformanceObserver(list => resolve(list.getEntriesByName('first-contentful-paint')[0].startTime)).observe({ type: 'paint', buffered: true });
            })
            """);
        long total = 0;
        IResponse[] all;
        lock (responses)
        {
            all = [.. responses];
        }

        foreach (var response in all)
        {
            var sizes = await response.Request.SizesAsync();
            total += sizes.ResponseHeadersSize + sizes.ResponseBodySize;
        }

        return (total, fcp);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
