namespace Chitin.Cli.Commands;

/// <summary><c>chitin mcp remove &lt;name&gt; [--scope user|project]</c>: takes a server out of config.json, leaving the rest as it was.</summary>
public static class McpRemoveCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var name = new Argument<string>("name") { Description = "The server to remove." };
        var scope = McpConfigFiles.ScopeOption();
        var remove = new Command("remove", "Remove an MCP server from config.json (--scope user, the default, or project), keeping the file's other settings, comments and layout.") { name, scope };
        remove.SetAction(parse =>
        {
            var server = parse.GetValue(name)!;
            var file = McpConfigFiles.PathFor(runtime, parse.GetValue(scope)!);
            try
            {
                var edited = File.Exists(file) ? McpConfigEditor.Remove(File.ReadAllText(file), server) : null;
                if (edited is null)
                {
                    return runtime.Fail(ExitCodes.UsageError, $"no MCP server '{server}' in {file}; see 'chitin mcp list'.");
                }

                McpConfigFiles.Write(file, edited);
            }
            catch (McpConfigEditException ex)
            {
                return runtime.Fail(ExitCodes.UsageError, $"cannot edit {file}: {ex.Message}");
            }

            runtime.Inform($"removed MCP server '{server}' from {file}");
            return ExitCodes.Ok;
        });
        return remove;
    }
}
