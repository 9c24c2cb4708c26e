namespace Chitin.Core.Tools;

/// <summary>
/// Wraps a shell command so it runs confined (read-only system, writable workspace, private /tmp, no network
/// unless allowed). Implemented with bubblewrap on Linux.
/// </summary>
public interface ICommandSandbox
{
    /// <summary>Whether the sandbox can actually run on this machine.</summary>
    bool IsAvailable { get; }

    /// <summary>Short name for messages, e.g. "bubblewrap".</summary>
    string Name { get; }

    /// <summary>The program and arguments that run <paramref name="request"/> inside the sandbox.</summary>
    SandboxedCommand Wrap(SandboxRequest request);
}
