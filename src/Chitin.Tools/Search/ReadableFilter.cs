namespace Chitin.Tools.Search;

/// <summary>
/// Asks the read policy about each path a search tool would show or open, and counts the ones it hides. A symbolic
/// link is hidden when either the link or what it points to may not be read.
/// </summary>
internal sealed class ReadableFilter(IFileReadPolicy? policy, ToolContext context)
{
    /// <summary>Files and folders left out because read_file may not read them.</summary>
    public int Skipped { get; private set; }

    /// <summary>The note a result carries when something was left out, or null.</summary>
    public string? Note(string one, string many) => Skipped == 0
        ? null
        : string.Create(CultureInfo.InvariantCulture,
            $"[{Skipped:N0} {(Skipped == 1 ? one : many)} skipped: permission rules deny read_file on {(Skipped == 1 ? "it" : "them")}]");

    public bool Allows(string fullPath, bool isLink)
    {
        if (policy is null)
        {
            return true;
        }

        var allowed = policy.MayRead(fullPath, context)
                      && (!isLink || RealPath.Resolve(fullPath) is not { } target || target == fullPath || policy.MayRead(target, context));
        if (!allowed)
        {
            Skipped++;
        }

        return allowed;
    }

    public IReadOnlyList<WalkedFile> Apply(IReadOnlyList<WalkedFile> files) =>
        policy is null ? files : files.Where(file => Allows(file.FullPath, file.IsLink)).ToArray();
}
