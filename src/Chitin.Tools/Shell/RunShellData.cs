namespace Chitin.Tools.Shell;

/// <summary>Structured result of run_shell. <c>ExitCode</c> is null when the command timed out.</summary>
public sealed record RunShellData(int? ExitCode, bool TimedOut, bool Truncated, long DurationMs, long OutputChars);
