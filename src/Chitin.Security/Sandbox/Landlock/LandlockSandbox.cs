namespace Chitin.Security.Sandbox.Landlock;

/// <summary>
/// The kernel fallback when bubblewrap cannot run: commands start through the chitin-landlock launcher, which
/// confines itself with Landlock and execs the shell. Commands may write only to the workspace, the requested
/// folders and a private temp folder, read only the system folders (not the home folder), and on ABI 4 and later
/// neither connect nor bind TCP unless the network is allowed. Needs no installed package, only Linux 5.13+.
/// </summary>
/// <remarks>
/// Landlock rules only add rights, so a read-only folder inside the writable workspace stays writable here
/// (bubblewrap can overlay it). Processes are not in a separate PID namespace: the launcher dies with Chitin
/// (PR_SET_PDEATHSIG), and Landlock itself forbids ptrace and signals towards processes outside the sandbox.
/// </remarks>
public sealed class LandlockSandbox : ICommandSandbox
{
    private readonly LandlockOptions _options;
    private readonly (string FileName, string[] Prefix)? _launcher;
    private readonly Lazy<(bool Available, string? Reason)> _probe;
    private readonly Lazy<string> _privateTemp;

    public LandlockSandbox(LandlockOptions? options = null)
    {
        _options = options ?? new LandlockOptions();
        _launcher = FindLauncher(_options.LauncherPath);
        AbiVersion = LandlockRuleset.AbiVersion();
        _probe = new Lazy<(bool, string?)>(Probe, LazyThreadSafetyMode.ExecutionAndPublication);
        _privateTemp = new Lazy<string>(CreatePrivateTemp, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Name => "landlock";

    /// <summary>The kernel's Landlock ABI version; 0 when Landlock is absent or disabled.</summary>
    public int AbiVersion { get; }

    /// <summary>The launcher program started for every command, or null when it was not found.</summary>
    public string? LauncherPath => _launcher is { } found ? found.Prefix.LastOrDefault() ?? found.FileName : null;

    public bool IsAvailable => _probe.Value.Available;

    public string? UnavailableReason => _probe.Value.Reason;

    /// <summary>Whether commands run without network (TCP needs ABI 4; UDP is not covered by Landlock).</summary>
    public bool BlocksNetwork(bool allowNetwork) => !allowNetwork && LandlockRuleset.CanBlockTcp(AbiVersion);

    /// <summary>"landlock (ABI 7, network blocked)".</summary>
    public string Describe(bool allowNetwork) => string.Create(CultureInfo.InvariantCulture,
        $"landlock (ABI {AbiVersion}, {(allowNetwork ? "network allowed" : BlocksNetwork(false) ? "network blocked" : "network NOT blocked: this kernel's Landlock predates ABI 4")})");

    public SandboxedCommand Wrap(SandboxRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (fileName, prefix) = _launcher ?? throw new InvalidOperationException($"the {LandlockOptions.LauncherName} launcher was not found next to Chitin");
        var workspace = Path.GetFullPath(request.Workspace);
        var temp = _privateTemp.Value;
        var args = new List<string>(64);
        args.AddRange(prefix);
        args.AddRange(["--parent", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)]);
        foreach (var path in _options.SystemDirectories.Concat(_options.ExtraReadOnlyDirectories).Concat(request.ReadOnlyDirectories))
        {
            args.AddRange(["--ro", Path.GetFullPath(path, workspace)]);
        }

        if (request.AllowNetwork && new FileInfo("/etc/resolv.conf").ResolveLinkTarget(returnFinalTarget: true) is { Exists: true } resolver)
        {
            args.AddRange(["--ro", resolver.FullName]);
        }

        args.AddRange(["--dev", "/dev", "--rw", workspace, "--rw", temp]);
        foreach (var path in request.WritableDirectories)
        {
            args.AddRange(["--rw", Path.GetFullPath(path, workspace)]);
        }

        if (!request.AllowNetwork)
        {
            args.Add("--block-network");
        }

        args.AddRange(["--setenv", "HOME", workspace, "--setenv", "TMPDIR", temp]);
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

        args.AddRange(["--chdir", workspace, "--", request.Shell, "-c", request.Command]);
        return new SandboxedCommand(fileName, args);
    }

    private (bool, string?) Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return (false, "Landlock only exists on Linux");
        }

        if (AbiVersion < 1)
        {
            return (false, "this kernel has no Landlock (Linux 5.13 or later with landlock in the lsm= list is needed)");
        }

        if (_launcher is null)
        {
            return (false, $"the {LandlockOptions.LauncherName} launcher was not found in {AppContext.BaseDirectory}");
        }

        return SandboxTrialRun.Run(Wrap, LauncherPath ?? LandlockOptions.LauncherName, _options.ProbeTimeout);
    }

    /// <summary>One private (0700) temp folder per sandbox, removed when Chitin exits.</summary>
    private static string CreatePrivateTemp()
    {
        var folder = Directory.CreateTempSubdirectory("chitin-landlock-tmp-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A command may still hold a file there; the system cleans its temp folder.
            }
        };
        return folder;
    }

    /// <summary>The launcher's .dll run by the dotnet host that runs Chitin, else its app host.</summary>
    private static (string, string[])? FindLauncher(string? configured)
    {
        if (configured is not null)
        {
            if (!File.Exists(configured))
            {
                return null;
            }

            return configured.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                ? DotnetHost() is { } host ? (host, [configured]) : null
                : (configured, []);
        }

        var dll = Path.Combine(AppContext.BaseDirectory, LandlockOptions.LauncherName + ".dll");
        if (File.Exists(dll) && DotnetHost() is { } dotnet)
        {
            if (File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
            {
                return (dotnet, [dll]);
            }

            // Packaged without its own runtime config (e.g. inside a tool package): borrow the host app's.
            var hostConfig = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.runtimeconfig.json").FirstOrDefault();
            if (hostConfig is not null)
            {
                return (dotnet, ["exec", "--runtimeconfig", hostConfig, dll]);
            }
        }

        var appHost = Path.Combine(AppContext.BaseDirectory, LandlockOptions.LauncherName);
        return File.Exists(appHost) ? (appHost, []) : null;
    }

    private static string? DotnetHost()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        // shared/Microsoft.NETCore.App/<version>/ sits three levels below the dotnet root.
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidate = Path.Combine(root, "dotnet");
        return File.Exists(candidate) ? candidate : null;
    }
}
