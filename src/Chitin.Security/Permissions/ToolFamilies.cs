namespace Chitin.Security.Permissions;

internal static class ToolFamilies
{
    public static ToolFamily Of(string toolName) => toolName switch
    {
        "run_shell" => ToolFamily.Shell,
        "read_file" or "list_dir" or "glob" or "grep" => ToolFamily.FileRead,
        "write_file" or "edit_file" => ToolFamily.FileEdit,
        "web_fetch" => ToolFamily.Web,
        _ => ToolFamily.Other,
    };

    public static bool IsFile(ToolFamily family) => family is ToolFamily.FileRead or ToolFamily.FileEdit;
}
