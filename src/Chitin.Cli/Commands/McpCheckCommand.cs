namespace Chitin.Cli.Commands;

/// <summary><c>chitin mcp check &lt;url&gt;</c>: connect to one remote server, initialize, list its tools and call the given ones.</summary>
public static class McpCheckCommand
{
    private const string Description =
        """
        Connect to the MCP server at <url> (Streamable HTTP), initialize, list its tools and call each --call in order.
        When the server asks for OAuth, the login opens in the browser ($BROWSER, else xdg-open, else the URL is
        printed) and a loopback listener catches the redirect; tokens from a check are kept in memory only.
        Exit code 0 when the server answered and no call failed.

        Examples:
          chitin mcp check http://127.0.0.1:3001/mcp
          chitin mcp check http://127.0.0.1:3001/mcp --call 'add={"a":1,"b":2}' --json
        """;

    public static Command Create(CommandRuntime runtime)
    {
        var url = new Argument<string>("url") { Description = "The server's endpoint, e.g. http://127.0.0.1:3001/mcp." };
        var call = new Option<string[]>("--call") { Description = "A tool to call, as NAME or NAME={json arguments}; repeatable.", AllowMultipleArgumentsPerToken = false };
        var clientId = new Option<string?>("--client-id") { Description = "A pre-registered OAuth client ID (otherwise dynamic registration or a client metadata document)." };
        var clientSecret = new Option<string?>("--client-secret") { Description = "The pre-registered client's secret, if it has one." };
        var scope = new Option<string[]>("--scope") { Description = "An OAuth scope to ask for; repeatable (default: what the server asks for)." };
        var metadataUrl = new Option<string?>("--client-metadata-url") { Description = "An https URL of this client's ID metadata document, used where the server supports it." };
        var json = CommonOptions.Json("the server, its tools and the calls' results");
        var command = new Command("check", Description) { url, call, clientId, clientSecret, scope, metadataUrl, json };
        command.SetAction((parse, ct) => CheckAsync(
            runtime,
            parse.GetValue(url)!,
            parse.GetValue(call) ?? [],
            new McpOAuthSettings
            {
                ClientId = parse.GetValue(clientId),
                ClientSecret = parse.GetValue(clientSecret),
                Scopes = parse.GetValue(scope) ?? [],
                ClientMetadataUrl = parse.GetValue(metadataUrl) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var parsed) ? parsed : null,
            },
            parse.GetValue(json),
            ct));
        return command;
    }

    private static async Task<int> CheckAsync(CommandRuntime runtime, string url, string[] callTexts, McpOAuthSettings oauth, bool json, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            return runtime.Fail(ExitCodes.UsageError, $"'{url}' is not an absolute http:// or https:// URL.");
        }

        List<McpToolCallRequest> calls;
        try
        {
            calls = callTexts.Select(McpCheck.ParseCall).ToList();
        }
        catch (FormatException ex)
        {
            return runtime.Fail(ExitCodes.UsageError, ex.Message);
        }

        var server = new McpServerConfig("check", new McpHttpTransport(endpoint)) { Origin = "the command line" };
        var settings = new McpClientSettings
        {
            Authorizer = new LoopbackAuthorizer(runtime.Context.Environment, runtime.Inform),
            OAuthOverride = oauth,
        };
        McpCheckReport report;
        using var stop = runtime.LinkInterrupts(cancellationToken);
        try
        {
            report = await McpCheck.RunAsync(server, calls, settings, runtime.Context.LoggerFactory, stop.Token);
        }
        catch (McpStartException ex)
        {
            if (json)
            {
                runtime.Context.Out.WriteLine(JsonSerializer.Serialize(new McpCheckOutput(url, "failed", null, null, null, [], [], ex.Message), CliJsonContext.Default.McpCheckOutput));
                return ExitCodes.TaskFailed;
            }

            return runtime.Fail(ExitCodes.TaskFailed, ex.Message);
        }

        var failed = report.Calls.Any(c => c.IsError);
        if (json)
        {
            var output = new McpCheckOutput(url, "connected", report.ServerName, report.ServerVersion, report.ProtocolVersion, report.Tools,
                report.Calls.Select(c => new McpCheckCallOutput(c.Tool, c.IsError, c.Text)).ToList(), null);
            runtime.Context.Out.WriteLine(JsonSerializer.Serialize(output, CliJsonContext.Default.McpCheckOutput));
            return failed ? ExitCodes.TaskFailed : ExitCodes.Ok;
        }

        var outText = runtime.Context.Out;
        outText.WriteLine($"connected to {report.ServerName} {report.ServerVersion} (protocol {report.ProtocolVersion ?? "unknown"})");
        outText.WriteLine($"{report.Tools.Count} tools: {string.Join(", ", report.Tools)}");
        foreach (var call in report.Calls)
        {
            outText.WriteLine($"{call.Tool}: {(call.IsError ? "error: " : "")}{call.Text}");
        }

        return failed ? ExitCodes.TaskFailed : ExitCodes.Ok;
    }
}
