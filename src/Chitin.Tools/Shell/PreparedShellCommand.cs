namespace Chitin.Tools.Shell;

/// <summary>A command ready to start: the process to launch and what the model must be told about how it runs.</summary>
/// <param name="OwnProcessGroup">The process leads its own group, so the whole group can be killed.</param>
/// <param name="Warning">A one-line note to put before the result (e.g. running without the preferred sandbox), or null.</param>
/// <param name="SandboxName">The sandbox confining the command, or null when it runs unconfined.</param>
internal sealed record PreparedShellCommand(ProcessStartInfo StartInfo, bool OwnProcessGroup, string? Warning, string? SandboxName);
