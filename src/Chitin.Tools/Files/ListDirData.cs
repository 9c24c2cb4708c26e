namespace Chitin.Tools.Files;

/// <summary>Structured result of list_dir: entries shown and entries left out by the cap.</summary>
public sealed record ListDirData(string Path, int Depth, int Entries, int Omitted);
