namespace Chitin.Security.Sandbox.Landlock;

/// <summary>Asks the kernel which Landlock ABI it has, and confines the calling thread (and what it execs) to rules.</summary>
public static class LandlockRuleset
{
    private const ulong ReadRights = LandlockNative.FsExecute | LandlockNative.FsReadFile | LandlockNative.FsReadDir;

    /// <summary>The kernel's Landlock ABI version: 0 when Landlock is absent or disabled (or not Linux).</summary>
    public static int AbiVersion()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var version = LandlockNative.Syscall(LandlockNative.SysCreateRuleset, 0, 0, (nint)LandlockNative.CreateRulesetVersion);
        return version > 0 ? (int)version : 0;
    }

    /// <summary>Whether an ABI can block TCP (4 and later).</summary>
    public static bool CanBlockTcp(int abi) => abi >= 4;

    /// <summary>
    /// Confines the calling thread: sets no_new_privs, then restricts it to <paramref name="rules"/> with every right
    /// the kernel's ABI knows handled. Landlock binds the thread that calls this, so exec from the same thread.
    /// </summary>
    /// <exception cref="Win32Exception">A call failed; the message names it.</exception>
    public static void RestrictSelf(LandlockRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var abi = AbiVersion();
        if (abi < 1)
        {
            ThrowFailed("Landlock (not available in this kernel)", Marshal.GetLastPInvokeError());
        }

        var handledFs = HandledFilesystemRights(abi);
        var attr = new LandlockNative.RulesetAttr { HandledAccessFs = handledFs };
        var size = sizeof(ulong);
        if (abi >= 4)
        {
            attr.HandledAccessNet = rules.BlockNetwork ? LandlockNative.NetBindTcp | LandlockNative.NetConnectTcp : 0;
            size = 2 * sizeof(ulong);
        }

        if (abi >= 6)
        {
            attr.Scoped = LandlockNative.ScopeSignal | (rules.BlockNetwork ? LandlockNative.ScopeAbstractUnixSocket : 0);
            size = 3 * sizeof(ulong);
        }

        var rulesetFd = (int)Check(CreateRuleset(ref attr, size), "landlock_create_ruleset");
        try
        {
            foreach (var path in rules.ReadOnly)
            {
                AddPathRule(rulesetFd, path, ReadRights & handledFs);
            }

            foreach (var path in rules.Devices)
            {
                AddPathRule(rulesetFd, path, (ReadRights | LandlockNative.FsWriteFile | LandlockNative.FsTruncate | LandlockNative.FsIoctlDev) & handledFs);
            }

            foreach (var path in rules.Writable)
            {
                AddPathRule(rulesetFd, path, handledFs);
            }

            Check(LandlockNative.Prctl(LandlockNative.PrSetNoNewPrivs, 1, 0, 0, 0), "prctl(PR_SET_NO_NEW_PRIVS)");
            Check(LandlockNative.Syscall(LandlockNative.SysRestrictSelf, rulesetFd, 0, 0), "landlock_restrict_self");
        }
        finally
        {
            _ = LibC.Close(rulesetFd);
        }
    }

    internal static ulong HandledFilesystemRights(int abi)
    {
        var rights = (LandlockNative.FsMakeSym << 1) - 1; // ABI 1: bits 0-12
        if (abi >= 2)
        {
            rights |= LandlockNative.FsRefer;
        }

        if (abi >= 3)
        {
            rights |= LandlockNative.FsTruncate;
        }

        if (abi >= 5)
        {
            rights |= LandlockNative.FsIoctlDev;
        }

        return rights;
    }

    private static unsafe nint CreateRuleset(ref LandlockNative.RulesetAttr attr, int size)
    {
        fixed (LandlockNative.RulesetAttr* pointer = &attr)
        {
            return LandlockNative.Syscall(LandlockNative.SysCreateRuleset, (nint)pointer, size, 0);
        }
    }

    /// <summary>Missing paths are skipped; a file gets only the rights that apply to files.</summary>
    private static unsafe void AddPathRule(int rulesetFd, string path, ulong rights)
    {
        var fd = LibC.Open(path, LibC.OpenPathFlags, 0);
        if (fd < 0)
        {
            return;
        }

        var isDirectory = Directory.Exists(path);

        try
        {
            var attr = new LandlockNative.PathBeneathAttr
            {
                AllowedAccess = isDirectory ? rights : rights & LandlockNative.FsFileRights,
                ParentFd = fd,
            };
            Check(LandlockNative.Syscall(LandlockNative.SysAddRule, rulesetFd, LandlockNative.RulePathBeneath, (nint)(&attr), 0), $"landlock_add_rule({path})");
        }
        finally
        {
            _ = LibC.Close(fd);
        }
    }

    /// <summary>Call right after the native call, so the saved errno is still its own.</summary>
    private static nint Check(nint result, string what)
    {
        if (result < 0)
        {
            ThrowFailed(what, Marshal.GetLastPInvokeError());
        }

        return result;
    }

    /// <summary>Out of line, so the launcher's start-up does not load the exception's assembly unless it fails.</summary>
    private static void ThrowFailed(string what, int errno) =>
        throw new Win32Exception(errno, $"{what} failed: {new Win32Exception(errno).Message}");
}
