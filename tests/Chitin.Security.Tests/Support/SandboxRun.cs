using System.Diagnostics;
using Chitin.Core.Tools;
using Chitin.Platform.Processes;

namespace Chitin.Security.Tests.Support;

/// <summary>Runs a wrapped command the way run_shell does: started from the long-lived starter thread, output captured.</summary>
public static class SandboxRun
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(SandboxedCommand command, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = new ProcessStartInfo(command.FileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = new Process { StartInfo = startInfo };
        await ChildProcessStarter.StartAsync(process);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await stdout, await stderr);
    }
}
