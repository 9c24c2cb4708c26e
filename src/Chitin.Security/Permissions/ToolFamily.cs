namespace Chitin.Security.Permissions;

/// <summary>How rules with a pattern look at a tool's arguments.</summary>
internal enum ToolFamily
{
    /// <summary>Matched by name only.</summary>
    Other,

    /// <summary>run_shell: the <c>command</c> argument.</summary>
    Shell,

    /// <summary>read_file, list_dir, glob, grep: the <c>path</c> argument. A rule for one applies to all.</summary>
    FileRead,

    /// <summary>write_file, edit_file: the <c>path</c> argument. A rule for one applies to both.</summary>
    FileEdit,

    /// <summary>web_fetch: the host of the <c>url</c> argument.</summary>
    Web,
}
