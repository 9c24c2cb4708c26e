namespace Chitin.Tools.Search;

/// <summary>Structured result of glob: files listed and files left out by the cap.</summary>
public sealed record GlobData(string Pattern, string Path, int Files, int Omitted, bool WalkStopped);
