namespace Chitin.Security.Sandbox.Landlock;

/// <summary>
/// The Linux calls Landlock needs: the three landlock_* system calls (numbers 444-446 on every architecture),
/// prctl, getppid and execve. Values and layouts follow include/uapi/linux/landlock.h.
/// </summary>
internal static partial class LandlockNative
{
    public const int SysCreateRuleset = 444;
    public const int SysAddRule = 445;
    public const int SysRestrictSelf = 446;

    /// <summary>landlock_create_ruleset(NULL, 0, this) returns the highest ABI version the kernel supports.</summary>
    public const uint CreateRulesetVersion = 1;

    public const int RulePathBeneath = 1;

    public const int PrSetPdeathsig = 1;
    public const int PrSetNoNewPrivs = 38;
    public const int SigKill = 9;

    // Filesystem rights (LANDLOCK_ACCESS_FS_*), with the ABI that introduced them.
    public const ulong FsExecute = 1UL << 0;
    public const ulong FsWriteFile = 1UL << 1;
    public const ulong FsReadFile = 1UL << 2;
    public const ulong FsReadDir = 1UL << 3;
    public const ulong FsRemoveDir = 1UL << 4;
    public const ulong FsRemoveFile = 1UL << 5;
    public const ulong FsMakeChar = 1UL << 6;
    public const ulong FsMakeDir = 1UL << 7;
    public const ulong FsMakeReg = 1UL << 8;
    public const ulong FsMakeSock = 1UL << 9;
    public const ulong FsMakeFifo = 1UL << 10;
    public const ulong FsMakeBlock = 1UL << 11;
    public const ulong FsMakeSym = 1UL << 12;
    public const ulong FsRefer = 1UL << 13; // ABI 2
    public const ulong FsTruncate = 1UL << 14; // ABI 3
    public const ulong FsIoctlDev = 1UL << 15; // ABI 5

    /// <summary>The rights that apply to a file (the others only make sense on a folder).</summary>
    public const ulong FsFileRights = FsExecute | FsWriteFile | FsReadFile | FsTruncate | FsIoctlDev;

    // Network rights (LANDLOCK_ACCESS_NET_*, ABI 4) and scopes (LANDLOCK_SCOPE_*, ABI 6).
    public const ulong NetBindTcp = 1UL << 0;
    public const ulong NetConnectTcp = 1UL << 1;
    public const ulong ScopeAbstractUnixSocket = 1UL << 0;
    public const ulong ScopeSignal = 1UL << 1;

    [StructLayout(LayoutKind.Sequential)]
    public struct RulesetAttr
    {
        public ulong HandledAccessFs;
        public ulong HandledAccessNet;
        public ulong Scoped;
    }

    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    public struct PathBeneathAttr
    {
        public ulong AllowedAccess;
        public int ParentFd;
    }

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    public static partial nint Syscall(nint number, nint arg1, nint arg2, nint arg3);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    public static partial nint Syscall(nint number, nint arg1, nint arg2, nint arg3, nint arg4);

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    public static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", EntryPoint = "getppid")]
    public static partial int GetParentProcessId();

    /// <summary>Only returns on failure. <paramref name="argv"/> and <paramref name="envp"/> end with a zero pointer.</summary>
    [LibraryImport("libc", EntryPoint = "execve", SetLastError = true)]
    public static partial int Execve(nint path, nint[] argv, nint[] envp);
}
