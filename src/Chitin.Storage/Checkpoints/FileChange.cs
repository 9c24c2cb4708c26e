namespace Chitin.Storage.Checkpoints;

/// <summary>A path that differs between two checkpoints.</summary>
public sealed record FileChange(string Path, FileChangeKind Kind);
