namespace Chitin.Core.Tools;

/// <summary>A command line to run confined: <see cref="Shell"/> -c <see cref="Command"/> in <see cref="Workspace"/>.</summary>
public sealed record SandboxRequest(string Shell, string Command, string Workspace)
{
    public bool AllowNetwork { get; init; }

    /// <summary>Extra folders mounted writable besides the workspace.</summary>
    public IReadOnlyList<string> WritableDirectories { get; init; } = [];

    /// <summary>Extra folders mounted read-only (e.g. the session's artifact folder).</summary>
    public IReadOnlyList<string> ReadOnlyDirectories { get; init; } = [];
}
