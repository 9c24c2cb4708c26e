namespace Chitin.Security.Sandbox;

/// <summary>Whether shell commands must, should or need not run inside the OS sandbox. Config spelling: required, preferred, off.</summary>
public enum SandboxPolicy
{
    /// <summary>Refuse to start when no sandbox can run.</summary>
    Required,

    /// <summary>Use the sandbox when it can run; otherwise warn and run commands unconfined.</summary>
    Preferred,

    /// <summary>Never sandbox.</summary>
    Off,
}
