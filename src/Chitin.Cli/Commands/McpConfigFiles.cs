namespace Chitin.Cli.Commands;

/// <summary>Which config file <c>chitin mcp add/remove</c> edit, and writing it back safely.</summary>
internal static class McpConfigFiles
{
    public static Option<string> ScopeOption() => new Option<string>("--scope")
    {
        Description = "user ($CHITIN_HOME/config.json, the default) or project (./.chitin/config.json).",
        DefaultValueFactory = _ => "user",
    }.AcceptOnlyFromAmong("user", "project");

    public static string PathFor(CommandRuntime runtime, string scope) =>
        scope == "project" ? runtime.Paths.ProjectConfigFile : runtime.Paths.UserConfigFile;

    /// <summary>Writes through a temporary file so a crash never leaves half a config; the user file stays owner-only.</summary>
    public static void Write(string file, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = file + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = File.Exists(file) ? File.GetUnixFileMode(file) : UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }

        File.Move(temporary, file, overwrite: true);
    }
}
