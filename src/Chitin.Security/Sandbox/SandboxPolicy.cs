namespace Chitin.Security.Sandbox;

/// <summary>Whether shell commands must, should or need not run inside the OS sandbox. Config spelling: required, preferred, off.</summary>
public enum SandboxPolicy
{
    /// <summary>Like Preferred, but refuse to start at all when no sandbox can run.</summary>
    Required,

    /// <summary>Use bubblewrap, else Landlock; when neither can run, refuse shell commands (decided on the first one).</summary>
    Preferred,

    /// <summary>Never sandbox: the explicit opt-out (--yes is not one).</summary>
    Off,
}
