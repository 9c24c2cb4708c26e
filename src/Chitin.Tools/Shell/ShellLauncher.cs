namespace Chitin.Tools.Shell;

/// <summary>
/// How a command is started: bash (or sh) under setsid when available, so the command leads its own process
/// group and session and every process it spawns, even re-parented background ones, can be killed together.
/// </summary>
internal sealed record ShellLauncher(string Shell)
{
    private static readonly string[] ShellCandidates = ["/bin/bash", "/usr/bin/bash", "/bin/sh", "/usr/bin/sh"];

    /// <summary>Set for every command: nothing may wait for a person, so no pagers and no credential prompts.</summary>
    public static IReadOnlyDictionary<string, string?> NonInteractive { get; } = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["PAGER"] = "cat",
        ["GIT_PAGER"] = "cat",
        ["GIT_TERMINAL_PROMPT"] = "0",
    };

    public static ShellLauncher? Detect()
    {
        var shell = ShellCandidates.FirstOrDefault(File.Exists);
        return shell is null ? null : new ShellLauncher(shell);
    }

    /// <summary>True when the started process leads its own process group (its pid is the group id).</summary>
    public bool OwnProcessGroup => ProcessGroup.Available;

    /// <summary>Runs <paramref name="command"/> with the shell directly.</summary>
    public ProcessStartInfo CreateStartInfo(string command, string workingDirectory) =>
        CreateStartInfo(Shell, ["-c", command], workingDirectory);

    /// <summary>Runs <paramref name="program"/> (the shell, or a sandbox wrapping it) under setsid when available.</summary>
    public ProcessStartInfo CreateStartInfo(string program, IEnumerable<string> arguments, string workingDirectory)
    {
        var startInfo = ProcessGroup.StartInfo(program, arguments, workingDirectory);

        return startInfo;
    }
}
