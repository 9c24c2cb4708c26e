using System.Diagnostics;

namespace Chitin.WebUi.Tests;

/// <summary>The real <c>chitin run</c> (the built CLI next to the tests) against the fixture's CHITIN_HOME and scripted model.</summary>
public static class ChitinRun
{
    public static async Task<string> RunAsync(WebUiFixture fixture, string prompt)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var start = new ProcessStartInfo(host) { WorkingDirectory = fixture.Workspace, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { typeof(Chitin.Cli.ChitinCli).Assembly.Location, "run", prompt })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (var (name, value) in WebUiContext.Environment(fixture.Root, fixture.Model))
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(deadline.Token);
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"chitin run exited with {process.ExitCode}:\n{output}");
        return output;
    }
}
