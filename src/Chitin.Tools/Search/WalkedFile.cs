namespace Chitin.Tools.Search;

/// <summary>A file found by <see cref="IgnoreAwareWalker"/>.</summary>
/// <param name="RelativePath">Relative to the folder the walk started in, with '/' separators.</param>
/// <param name="IsLink">A symbolic link: listed, but its target may lie outside the workspace.</param>
internal sealed record WalkedFile(string FullPath, string RelativePath, FileInfo Info, bool IsLink)
{
    /// <summary>The path as the model should see it, given how the folder the walk started in was shown.</summary>
    public string DisplayUnder(string startDisplayPath) =>
        startDisplayPath == "." ? RelativePath : Path.Join(startDisplayPath, RelativePath);
}
