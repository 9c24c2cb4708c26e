using System.Diagnostics;

namespace Chitin.Mcp.Conformance.Tests.Support;

/// <summary>One run of the real chitin CLI as a child process, with its exit code and output.</summary>
internal sealed record ChitinRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<ChitinRun> RunAsync(IReadOnlyList<string> arguments, string chitinHome, string workspace, string browser)
    {
        var start = new ProcessStartInfo(ConformanceSuite.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workspace,
        };
        start.ArgumentList.Add(ConformanceSuite.ChitinDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CHITIN_HOME"] = chitinHome;
        start.Environment["BROWSER"] = browser;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new ChitinRun(process.ExitCode, await stdout, await stderr);
    }
}
