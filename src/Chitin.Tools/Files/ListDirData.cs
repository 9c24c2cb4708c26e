namespace Chitin.Tools.Files;

/// <summary>Structured result of list_dir: entries shown, entries left out by the cap, and entries hidden because read_file may not read them.</summary>
public sealed record ListDirData(string Path, int Depth, int Entries, int Omitted, int SkippedDenied);
