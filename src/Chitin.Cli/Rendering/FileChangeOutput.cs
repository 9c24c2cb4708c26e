namespace Chitin.Cli.Rendering;

public sealed record FileChangeOutput(string Path, string Change)
{
    public static FileChangeOutput From(FileChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new FileChangeOutput(change.Path, change.Kind.ToString().ToLowerInvariant());
    }
}
