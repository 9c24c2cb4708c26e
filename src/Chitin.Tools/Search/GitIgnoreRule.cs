namespace Chitin.Tools.Search;

/// <summary>One pattern line of a .gitignore file, compiled to a regular expression over '/'-separated relative paths.</summary>
internal sealed record GitIgnoreRule(Regex Pattern, bool Negated, bool DirectoryOnly);
