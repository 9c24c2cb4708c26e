namespace Chitin.Cli.Commands;

/// <summary><c>chitin mcp add &lt;name&gt; (--url &lt;url&gt; | -- &lt;command&gt; [args…]) [--scope user|project]</c>.</summary>
public static class McpAddCommand
{
    private const string Description =
        """
        Add an MCP server to config.json under "mcpServers", keeping the file's other settings, comments and layout.
        A remote server takes --url (Streamable HTTP; OAuth starts by itself when the server asks, or run
        'chitin mcp login <name>'); a local one takes its command after --. --scope user (the default) writes
        $CHITIN_HOME/config.json, --scope project writes ./.chitin/config.json (shared with the repository).

        Examples:
          chitin mcp add linear --url https://mcp.linear.app/mcp
          chitin mcp add files -- npx -y @modelcontextprotocol/server-filesystem .
        """;

    public static Command Create(CommandRuntime runtime)
    {
        var name = new Argument<string>("name") { Description = "The server's name: lowercase letters, digits, '-' or '_'." };
        var command = new Argument<string[]>("command") { Description = "After --: the command that starts a local server, and its arguments.", Arity = ArgumentArity.ZeroOrMore };
        var url = new Option<string?>("--url") { Description = "The endpoint of a remote server (Streamable HTTP)." };
        var clientId = new Option<string?>("--client-id") { Description = "A pre-registered OAuth client ID (written as oauth.clientId)." };
        var scope = McpConfigFiles.ScopeOption();
        var add = new Command("add", Description) { name, command, url, clientId, scope };
        add.SetAction(parse => Add(runtime, parse.GetValue(name)!, parse.GetValue(command) ?? [], parse.GetValue(url), parse.GetValue(clientId), parse.GetValue(scope) ?? "user"));
        return add;
    }

    private static int Add(CommandRuntime runtime, string name, string[] command, string? url, string? clientId, string scope)
    {
        if (!McpServerConfig.IsValidName(name))
        {
            return runtime.Fail(ExitCodes.UsageError, McpServerConfigRule(name));
        }

        if ((url is null) == (command.Length == 0))
        {
            return runtime.Fail(ExitCodes.UsageError, "give either --url <url> (a remote server) or -- <command> [args...] (a local one), not both.");
        }

        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)))
        {
            return runtime.Fail(ExitCodes.UsageError, $"--url '{url}' is not an absolute http:// or https:// URL.");
        }

        if (clientId is not null && url is null)
        {
            return runtime.Fail(ExitCodes.UsageError, "--client-id applies to a remote server (--url) only.");
        }

        var file = McpConfigFiles.PathFor(runtime, scope);
        try
        {
            var text = File.Exists(file) ? File.ReadAllText(file) : "";
            McpConfigFiles.Write(file, McpConfigEditor.Add(text, name, Entry(command, url, clientId)));
        }
        catch (McpConfigEditException ex)
        {
            return runtime.Fail(ExitCodes.UsageError, $"cannot add '{name}' to {file}: {ex.Message}");
        }

        runtime.Inform($"added MCP server '{name}' to {file}");
        return ExitCodes.Ok;
    }

    private static string McpServerConfigRule(string name) =>
        $"'{name}' is not a valid server name: use 1-{McpServerConfig.MaxNameLength} lowercase letters, digits, '-' or '_'.";

    private static string Entry(string[] command, string? url, string? clientId)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            if (url is not null)
            {
                writer.WriteString("type", "http");
                writer.WriteString("url", url);
                if (clientId is not null)
                {
                    writer.WriteStartObject("oauth");
                    writer.WriteString("clientId", clientId);
                    writer.WriteEndObject();
                }
            }
            else
            {
                writer.WriteString("command", command[0]);
                writer.WriteStartArray("args");
                foreach (var argument in command.Skip(1))
                {
                    writer.WriteStringValue(argument);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
