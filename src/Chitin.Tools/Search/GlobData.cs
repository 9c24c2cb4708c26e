namespace Chitin.Tools.Search;

/// <summary>Structured result of glob: files listed, files left out by the cap, and matching files hidden because read_file may not read them.</summary>
public sealed record GlobData(string Pattern, string Path, int Files, int Omitted, int SkippedDenied, bool WalkStopped);
