namespace Chitin.Security.Sandbox;

/// <summary>
/// Confines a shell command with bubblewrap: the system folders read-only, nothing of the home folder, the
/// workspace (and requested extra folders) writable, a private /tmp, fresh /proc and /dev, every namespace
/// unshared (the network too unless allowed), all capabilities dropped, the root read-only, HOME set to the
/// workspace, secret-looking variables unset, and the whole sandbox killed when the process that started bwrap dies.
/// </summary>
public sealed class BubblewrapSandbox : ICommandSandbox
{
    private readonly BubblewrapOptions _options;
    private readonly Lazy<(bool Available, string? Reason)> _probe;

    public BubblewrapSandbox(BubblewrapOptions? options = null)
    {
        _options = options ?? new BubblewrapOptions();
        ExecutablePath = _options.ExecutablePath ?? FindOnPath("bwrap");
        _probe = new Lazy<(bool, string?)>(Probe, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Name => "bubblewrap";

    /// <summary>The bwrap program found, or null.</summary>
    public string? ExecutablePath { get; }

    /// <summary>bwrap exists and a trial run succeeded (checked once, on first use).</summary>
    public bool IsAvailable => _probe.Value.Available;

    /// <summary>Why <see cref="IsAvailable"/> is false, e.g. the error bwrap printed when user namespaces are forbidden.</summary>
    public string? UnavailableReason => _probe.Value.Reason;

    public SandboxedCommand Wrap(SandboxRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var workspace = Path.GetFullPath(request.Workspace);
        var args = new List<string>(64)
        {
            "--die-with-parent",
            "--new-session",
            "--unshare-all",
        };
        if (request.AllowNetwork)
        {
            args.Add("--share-net");
        }

        args.AddRange(["--cap-drop", "ALL"]);
        AddSystemDirectories(args);
        if (request.AllowNetwork)
        {
            AddResolverConfiguration(args);
        }

        args.AddRange(["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]);
        AddUserDirectories(args, workspace, request);
        args.AddRange(["--remount-ro", "/"]);
        args.AddRange(["--chdir", workspace, "--setenv", "HOME", workspace, "--setenv", "TMPDIR", "/tmp"]);
        if (_options.HideSecretEnvironment)
        {
            foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            {
                if (entry.Key is string name && SecretVariables.LooksSecret(name))
                {
                    args.AddRange(["--unsetenv", name]);
                }
            }
        }

        args.AddRange(["--", request.Shell, "-c", request.Command]);
        return new SandboxedCommand(ExecutablePath ?? "bwrap", args);
    }

    private void AddSystemDirectories(List<string> args)
    {
        foreach (var directory in _options.SystemDirectories)
        {
            var info = new DirectoryInfo(directory);
            if (info.LinkTarget is { } target)
            {
                args.AddRange(["--symlink", target, directory]);
            }
            else if (info.Exists)
            {
                args.AddRange(["--ro-bind", directory, directory]);
            }
        }
    }

    /// <summary>/etc/resolv.conf is often a link into /run (systemd-resolved), which is not mounted: bind its target.</summary>
    private static void AddResolverConfiguration(List<string> args)
    {
        var resolv = new FileInfo("/etc/resolv.conf");
        if (resolv.LinkTarget is null)
        {
            return;
        }

        var target = resolv.ResolveLinkTarget(returnFinalTarget: true);
        if (target is { Exists: true } && !target.FullName.StartsWith("/etc/", StringComparison.Ordinal))
        {
            args.AddRange(["--ro-bind", target.FullName, target.FullName]);
        }
    }

    /// <summary>Shallower mounts first, so a read-only folder inside the workspace overlays the writable workspace.</summary>
    private void AddUserDirectories(List<string> args, string workspace, SandboxRequest request)
    {
        var mounts = new List<(string Path, string Option)> { (workspace, "--bind") };
        mounts.AddRange(request.WritableDirectories.Select(d => (Path.GetFullPath(d, workspace), "--bind-try")));
        mounts.AddRange(request.ReadOnlyDirectories.Concat(_options.ExtraReadOnlyDirectories).Select(d => (Path.GetFullPath(d, workspace), "--ro-bind-try")));
        foreach (var (path, option) in mounts.OrderBy(m => m.Path.Count(c => c == '/')))
        {
            args.AddRange([option, path, path]);
        }
    }

    private (bool, string?) Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return (false, "bubblewrap only runs on Linux");
        }

        if (ExecutablePath is null)
        {
            return (false, "bwrap was not found on PATH");
        }

        return SandboxTrialRun.Run(Wrap, ExecutablePath, _options.ProbeTimeout, error =>
            error.Contains("namespace", StringComparison.OrdinalIgnoreCase) || error.Contains("Operation not permitted", StringComparison.Ordinal)
                ? " (this system or container forbids unprivileged user namespaces)"
                : "");
    }

    internal static string? FindOnPath(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Join(directory, program);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0))
            {
                return candidate;
            }
        }

        return null;
    }
}
