namespace Chitin.Tools.Search;

/// <summary>
/// Structured result of grep. <c>Matches</c> counts matching lines (in "files" mode: one per matching file, whose
/// first match ends its scan); <c>Omitted</c> counts lines (content mode) or files (files and count modes) left out by the cap;
/// <c>SkippedDenied</c> counts files not searched because a permission rule denies read_file on them.
/// </summary>
public sealed record GrepData(string Pattern, string Mode, int FilesSearched, int FilesMatched, long Matches, long Omitted, int SkippedBinary, int SkippedLarge, int SkippedDenied, bool WalkStopped);
