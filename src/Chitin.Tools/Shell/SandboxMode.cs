namespace Chitin.Tools.Shell;

/// <summary>What run_shell does about <see cref="BuiltInToolOptions.Sandbox"/>.</summary>
public enum SandboxMode
{
    /// <summary>
    /// Use the sandbox when it can run; when it cannot, refuse the command with how to fix it. Only when no sandbox is
    /// configured at all (a library caller's choice) do commands run unconfined, with a warning once per session.
    /// </summary>
    Preferred,

    /// <summary>Refuse to run a command unless the sandbox can run.</summary>
    Required,

    /// <summary>Never use a sandbox.</summary>
    Off,
}
