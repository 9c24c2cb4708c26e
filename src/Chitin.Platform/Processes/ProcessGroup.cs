namespace Chitin.Platform.Processes;

/// <summary>
/// Starts commands as leaders of their own process group and session (through setsid when it exists), so every
/// process they spawn, even background children re-parented away from the tree, can be killed together.
/// The one launcher and killer for shell commands and hooks.
/// </summary>
public static class ProcessGroup
{
    private static readonly string? Setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    /// <summary>True when started processes lead their own group (their pid is the group id).</summary>
    public static bool Available => Setsid is not null;

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/>, under setsid when available, with redirected standard streams.</summary>
    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments, string workingDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        ArgumentNullException.ThrowIfNull(arguments);
        var startInfo = new ProcessStartInfo
        {
            FileName = Setsid ?? program,
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Setsid is not null)
        {
            startInfo.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    /// <summary>Asks a process to stop (SIGTERM), as a service manager would; false when it is gone.</summary>
    public static bool Terminate(int pid) => OperatingSystem.IsWindows() ? false : LibC.Kill(pid, LibC.SigTerm) == 0;

    /// <summary>
    /// Kills the process, its descendants and everything left in its group. With <paramref name="ownProcessGroup"/>
    /// it freezes the group first so nothing forks meanwhile, kills the descendant tree (catching children that moved
    /// to another group), then kills the group (catching background children re-parented away from the tree).
    /// </summary>
    public static void KillAll(Process process, bool ownProcessGroup)
    {
        ArgumentNullException.ThrowIfNull(process);
        int groupId;
        try
        {
            groupId = process.Id;
        }
        catch (InvalidOperationException)
        {
            return;
        }

        if (ownProcessGroup)
        {
            _ = LibC.Kill(-groupId, LibC.SigStop);
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already exited: the group kill below still reaches what it left behind.
        }

        if (ownProcessGroup)
        {
            _ = LibC.Kill(-groupId, LibC.SigKill);
        }
    }
}
