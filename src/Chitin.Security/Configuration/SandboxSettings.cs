namespace Chitin.Security.Configuration;

/// <summary>The "sandbox" config section: whether shell commands run inside bubblewrap (or Landlock), and with network or not.</summary>
/// <param name="ModeSource">Where <see cref="Mode"/> came from ("default", a config file, the managed policy).</param>
/// <param name="BwrapPath">The bwrap program; found on PATH when null.</param>
public sealed record SandboxSettings(SandboxPolicy Mode, string ModeSource, bool AllowNetwork, string? BwrapPath)
{
    /// <summary>
    /// sandbox.envPassthrough (user config file only): variables of Chitin's environment that shell commands get
    /// besides PATH, HOME, LANG, TERM, TMPDIR and LC_*.
    /// </summary>
    public IReadOnlyList<string> EnvPassthrough { get; init; } = [];

    public static SandboxSettings Default { get; } = new(SandboxPolicy.Preferred, "default", AllowNetwork: false, BwrapPath: null);

    /// <summary>sandbox.landlock: confine commands with the kernel's Landlock when bubblewrap cannot run (default true).</summary>
    public bool Landlock { get; init; } = true;

    public static string Name(SandboxPolicy mode) => mode switch
    {
        SandboxPolicy.Required => "required",
        SandboxPolicy.Off => "off",
        _ => "preferred",
    };
}
