namespace Chitin.Security.Sandbox.Landlock;

public sealed record LandlockOptions
{
    /// <summary>The launcher's name: chitin-landlock (an app host) or chitin-landlock.dll next to Chitin's assemblies.</summary>
    public const string LauncherName = "chitin-landlock";

    /// <summary>The launcher program or its .dll; looked up next to Chitin's assemblies when null.</summary>
    public string? LauncherPath { get; init; }

    /// <summary>Folders readable (and executable) by commands; the home folder is deliberately absent, as with bubblewrap.</summary>
    public IReadOnlyList<string> SystemDirectories { get; init; } =
        ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt", "/nix", "/proc", "/sys"];

    /// <summary>More folders readable in every sandbox (toolchains under the home folder such as ~/.dotnet or ~/.cargo).</summary>
    public IReadOnlyList<string> ExtraReadOnlyDirectories { get; init; } = [];

    /// <summary>Unset variables that look like credentials (*_KEY, *_TOKEN, *_SECRET, *PASSWORD*) for the command.</summary>
    public bool HideSecretEnvironment { get; init; } = true;

    /// <summary>How long the trial run that decides <see cref="LandlockSandbox.IsAvailable"/> may take.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
