namespace Chitin.Security.Sandbox;

/// <summary>
/// The availability probe every sandbox shares: runs <c>/bin/sh -c true</c> through it in a throwaway workspace. A
/// sandbox is only offered when this succeeds, so a kernel or container that forbids it is found before a real command.
/// </summary>
internal static class SandboxTrialRun
{
    /// <param name="wrap">How the sandbox wraps a command.</param>
    /// <param name="launcher">The program the sandbox runs, named in reasons.</param>
    /// <param name="timeout">How long the trial run may take.</param>
    /// <param name="hint">Extra words for a failure, from its error output (empty when there are none).</param>
    /// <returns>Whether the sandbox works, and why not when it does not.</returns>
    public static (bool Available, string? Reason) Run(Func<SandboxRequest, SandboxedCommand> wrap, string launcher, TimeSpan timeout, Func<string, string>? hint = null)
    {
        var workspace = Directory.CreateTempSubdirectory("chitin-sandbox-probe-");
        try
        {
            var command = wrap(new SandboxRequest("/bin/sh", "true", workspace.FullName));
            var startInfo = new ProcessStartInfo(command.FileName) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in command.Arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            using var process = new Process { StartInfo = startInfo };
            ChildProcessStarter.Start(process);
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return (false, $"a trial run of {launcher} did not finish within {timeout.TotalSeconds:0} s");
            }

            if (process.ExitCode == 0)
            {
                return (true, null);
            }

            var error = stderr.Wait(timeout) ? stderr.Result.Trim() : "";
            return (false, $"a trial run of {launcher} failed (exit code {process.ExitCode}): {(error.Length > 0 ? error : "no error message")}{hint?.Invoke(error)}");
        }
        catch (Win32Exception ex)
        {
            return (false, $"{launcher} could not be started: {ex.Message}");
        }
        finally
        {
            workspace.Delete(recursive: true);
        }
    }
}
