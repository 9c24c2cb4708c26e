namespace Chitin.Tools.Workspace;

/// <summary>A path checked against the workspace rules.</summary>
/// <param name="DisplayPath">The path as the model should see it: relative to the workspace when inside it.</param>
/// <param name="FullPath">The real absolute path with every symbolic link resolved; open this one.</param>
/// <param name="Exists">Whether something exists there (always a regular file or a directory).</param>
/// <param name="IsDirectory">Whether it is a directory.</param>
public sealed record ResolvedPath(string DisplayPath, string FullPath, bool Exists, bool IsDirectory);
