using System.ComponentModel;
using System.Diagnostics;

namespace Chitin.Security.Processes;

/// <summary>
/// Starts commands as leaders of their own process group (through setsid when it exists) so that every process
/// they spawn, including background children re-parented away from the tree, can be killed together.
/// </summary>
internal static class ProcessGroup
{
    private static readonly string? Setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    /// <summary>True when started processes lead their own group (their pid is the group id).</summary>
    public static bool Available => Setsid is not null;

    public static ProcessStartInfo ShellStartInfo(string shell, string command, string workingDirectory)
    {
        var startInfo = new ProcessStartInfo
        {
            FileName = Setsid ?? shell,
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Setsid is not null)
        {
            startInfo.ArgumentList.Add(shell);
        }

        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(command);
        return startInfo;
    }

    /// <summary>Kills the process, its descendants, and everything left in its process group.</summary>
    public static void KillAll(Process process)
    {
        int id;
        try
        {
            id = process.Id;
        }
        catch (InvalidOperationException)
        {
            return;
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone: the group kill below still reaches what it left behind.
        }

        if (Available)
        {
            _ = LibC.Kill(-id, LibC.SigKill);
        }
    }
}
