namespace Chitin.Tools.Shell;

/// <summary>What run_shell does about <see cref="BuiltInToolOptions.Sandbox"/>.</summary>
public enum SandboxMode
{
    /// <summary>Use the sandbox when it can run; otherwise run unconfined and warn once per session.</summary>
    Preferred,

    /// <summary>Refuse to run a command unless the sandbox can run.</summary>
    Required,

    /// <summary>Never use a sandbox.</summary>
    Off,
}
