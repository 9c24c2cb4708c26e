namespace Chitin.Core.Permissions;

/// <summary>
/// Whether read_file may read a path under the permission rules. Search tools (grep, glob, list_dir) ask it for
/// every file they would show or open, so a deny rule such as <c>read_file(**/.env)</c> cannot be read around.
/// </summary>
public interface IFileReadPolicy
{
    /// <summary>True when the rules let read_file read <paramref name="fullPath"/> in <paramref name="context"/>.</summary>
    /// <param name="fullPath">An absolute, normalised path, as the tool would open it (symbolic links already resolved).</param>
    bool MayRead(string fullPath, ToolContext context);
}
