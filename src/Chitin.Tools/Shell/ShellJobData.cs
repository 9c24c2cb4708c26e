namespace Chitin.Tools.Shell;

/// <summary>
/// Structured result of a background job call (run_shell background, shell_output, shell_stop); State is
/// "running", "exited" or "stopped".
/// <c>NextSince</c> is the offset to pass as <c>since</c> to read only newer output; <c>DroppedChars</c> counts
/// requested output already discarded because the job's buffer is capped.
/// </summary>
public sealed record ShellJobData(string JobId, string State, int? ExitCode, long DurationMs, long OutputChars, long NextSince, long DroppedChars);
