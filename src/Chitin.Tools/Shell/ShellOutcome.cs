namespace Chitin.Tools.Shell;

/// <summary>How a shell command ended.</summary>
/// <param name="ExitCode">Null when it timed out and was killed.</param>
/// <param name="PipesLeftOpen">Background processes still held stdout/stderr after the command exited.</param>
internal sealed record ShellOutcome(int? ExitCode, bool TimedOut, TimeSpan Duration, HeadTailBuffer Output, bool PipesLeftOpen);
