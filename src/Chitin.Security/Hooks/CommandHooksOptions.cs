namespace Chitin.Security.Hooks;

public sealed record CommandHooksOptions
{
    /// <summary>The shell that runs each hook command with -c.</summary>
    public string Shell { get; init; } = "/bin/sh";

    /// <summary>Told when a hook of an event that does not fail closed (after_tool, session_start, stop, before_compact) fails.</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>Most of a hook's stdout and stderr that is kept; the rest is read and dropped.</summary>
    public int MaxOutputBytes { get; init; } = 1024 * 1024;
}
