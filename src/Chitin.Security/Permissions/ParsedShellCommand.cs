namespace Chitin.Security.Permissions;

/// <summary>
/// A shell command line split into the simple commands it runs, including those inside <c>$(...)</c>,
/// backticks, process substitutions, <c>sh -c '...'</c> and <c>eval</c>.
/// </summary>
/// <param name="Complete">False when the line could not be fully understood (unbalanced quotes or parentheses,
/// nesting too deep): allow rules then never cover it, so it is asked about rather than run.</param>
internal sealed record ParsedShellCommand(string Normalized, IReadOnlyList<ShellSegment> Segments, bool Complete);
