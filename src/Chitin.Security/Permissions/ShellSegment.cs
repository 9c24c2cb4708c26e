namespace Chitin.Security.Permissions;

/// <summary>
/// One simple command of a shell command line, as permission rules see it.
/// </summary>
/// <param name="Text">The words as written (quotes kept, redirections dropped), single-spaced, leading
/// variable assignments included. Allow rules must cover this text.</param>
/// <param name="RestrictiveForms">Every form a deny or ask rule is tried against: the text, the text without
/// leading assignments, the unquoted words, and the unquoted words without wrappers such as sudo or env.</param>
/// <param name="SessionKey">What an "always for this session" answer remembers: the first word, plus the
/// second when it looks like a subcommand ("git status").</param>
/// <param name="WritesFile">True when a redirection writes to a file (not /dev/null or another descriptor).</param>
internal sealed record ShellSegment(string Text, IReadOnlyList<string> RestrictiveForms, string SessionKey, bool WritesFile);
