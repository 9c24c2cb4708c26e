using System.Diagnostics;
using System.Globalization;

namespace Chitin.Mcp.Tests.Support;

/// <summary>
/// Starts a server through <c>sh</c>, which writes its pid to a file and then execs the real command, so a test can
/// find and kill the exact process the MCP client started.
/// </summary>
internal static class PidFile
{
    public static string[] WrapArgs(string pidFile, params string[] command) =>
        ["-c", "echo $$ > \"$0\"; exec \"$@\"", pidFile, .. command];

    public static Process Read(string pidFile)
    {
        var text = File.ReadAllText(pidFile).Trim();
        return Process.GetProcessById(int.Parse(text, CultureInfo.InvariantCulture));
    }

    /// <summary>Completes when the process named in the file has exited (at once if it is already gone).</summary>
    public static async Task WaitForExitAsync(string pidFile, CancellationToken cancellationToken = default)
    {
        Process process;
        try
        {
            process = Read(pidFile);
        }
        catch (Exception ex) when (ex is ArgumentException or FileNotFoundException)
        {
            // Gone already, or stopped before it could even write its pid.
            return;
        }

        using (process)
        {
            await process.WaitForExitAsync(cancellationToken);
        }
    }
}
