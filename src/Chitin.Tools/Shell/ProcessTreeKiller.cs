using System.ComponentModel;
using System.Diagnostics;
using Chitin.Tools.Native;

namespace Chitin.Tools.Shell;

/// <summary>Kills a command with every process it started.</summary>
internal static class ProcessTreeKiller
{
    private static readonly int SigStop = OperatingSystem.IsLinux() ? 19 : 17;

    /// <summary>
    /// Freezes the process group first so nothing forks meanwhile, kills the descendant tree (catches children that
    /// moved to another group), then kills the group (catches background children re-parented away from the tree).
    /// </summary>
    public static void Kill(Process process, bool ownProcessGroup)
    {
        var groupId = process.Id;
        if (ownProcessGroup)
        {
            _ = LibC.Kill(-groupId, SigStop);
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
