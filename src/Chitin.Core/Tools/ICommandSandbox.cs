namespace Chitin.Core.Tools;

/// <summary>
/// Wraps a shell command so it runs confined (read-only system, writable workspace, private /tmp, no network
/// unless allowed). Implemented with bubblewrap on Linux, and with Landlock when bubblewrap cannot run.
/// </summary>
public interface ICommandSandbox
{
    /// <summary>Whether the sandbox can actually run on this machine.</summary>
    bool IsAvailable { get; }

    /// <summary>Why <see cref="IsAvailable"/> is false, for the message that refuses a command; null when unknown.</summary>
    string? UnavailableReason => null;

    /// <summary>Short name for messages, e.g. "bubblewrap".</summary>
    string Name { get; }

    /// <summary>The program and arguments that run <paramref name="request"/> inside the sandbox.</summary>
    SandboxedCommand Wrap(SandboxRequest request);
}
