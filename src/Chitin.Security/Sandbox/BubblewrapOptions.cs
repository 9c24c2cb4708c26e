namespace Chitin.Security.Sandbox;

public sealed record BubblewrapOptions
{
    /// <summary>The bwrap program; found on PATH when null.</summary>
    public string? ExecutablePath { get; init; }

    /// <summary>
    /// System folders mounted read-only when they exist (symbolic links such as /bin -&gt; usr/bin are recreated).
    /// Home folders, /run (sockets such as docker.sock) and /var are deliberately absent.
    /// </summary>
    public IReadOnlyList<string> SystemDirectories { get; init; } =
        ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt", "/nix"];

    /// <summary>More folders mounted read-only in every sandbox (toolchains under the home folder such as ~/.dotnet or ~/.cargo).</summary>
    public IReadOnlyList<string> ExtraReadOnlyDirectories { get; init; } = [];

    /// <summary>Unset variables that look like credentials (*_KEY, *_TOKEN, *_SECRET, *PASSWORD*) inside the sandbox.</summary>
    public bool HideSecretEnvironment { get; init; } = true;

    /// <summary>How long the trial run that decides <see cref="BubblewrapSandbox.IsAvailable"/> may take.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
