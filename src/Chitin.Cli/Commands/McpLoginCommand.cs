namespace Chitin.Cli.Commands;

/// <summary><c>chitin mcp login &lt;name&gt;</c>: the OAuth login for a configured remote server, once; runs reuse and refresh the tokens.</summary>
public static class McpLoginCommand
{
    private const string Description =
        """
        Log in to a configured remote MCP server with OAuth: discovers its authorization server, registers Chitin
        (or uses "oauth.clientId" from the config), opens the login page in the browser ($BROWSER, else xdg-open,
        else prints the URL) and catches the redirect on a loopback port. The tokens are stored owner-only under
        $CHITIN_HOME/mcp/tokens (never in config files, transcripts or logs) and refreshed when they expire.
        """;

    public static Command Create(CommandRuntime runtime)
    {
        var name = new Argument<string>("name") { Description = "The configured server to log in to." };
        var login = new Command("login", Description) { name };
        login.SetAction((parse, ct) => LoginAsync(runtime, parse.GetValue(name)!, ct));
        return login;
    }

    private static async Task<int> LoginAsync(CommandRuntime runtime, string name, CancellationToken cancellationToken)
    {
        if (!runtime.TryLoadConfig(out var config, out var failed, () => TrustPrompt.LoadWithoutAsking(runtime)))
        {
            return failed;
        }

        if (config.McpServers.FirstOrDefault(s => s.Name == name) is not { } server)
        {
            return runtime.Fail(ExitCodes.UsageError, $"no MCP server '{name}' is configured; add it with 'chitin mcp add {name} --url <url>'.");
        }

        if (server.Transport is not McpHttpTransport http)
        {
            return runtime.Fail(ExitCodes.UsageError, $"mcp server '{name}' is a local (stdio) server; only remote servers (\"url\") log in.");
        }

        var directory = McpTokenStore.DirectoryUnder(runtime.Paths.Home);
        var store = new McpTokenStore(directory, server.Name, http.Url);
        store.Delete();
        var settings = new McpClientSettings { TokenDirectory = directory, Authorizer = new LoopbackAuthorizer(runtime.Context.Environment, runtime.Inform) };
        using var stop = runtime.LinkInterrupts(cancellationToken);
        try
        {
            var report = await McpCheck.RunAsync(server, [], settings, runtime.Context.LoggerFactory, stop.Token);
            runtime.Inform(store.HasTokens
                ? $"logged in to '{name}' ({report.Tools.Count} tools); tokens stored in {directory}"
                : $"'{name}' answered without asking for a login ({report.Tools.Count} tools); nothing to store");
            return ExitCodes.Ok;
        }
        catch (McpStartException ex)
        {
            return runtime.Fail(ExitCodes.TaskFailed, ex.Message);
        }
    }
}
