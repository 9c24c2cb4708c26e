namespace Chitin.Cli.Commands;

/// <summary><c>chitin mcp serve</c>: Chitin's built-in tools for other agents, over the Model Context Protocol on stdio.</summary>
public static class McpCommand
{
    private const string ServeDescription =
        """
        Serve Chitin's built-in tools (read_file, write_file, edit_file, run_shell, grep, ...) and the user's memory
        (memory_search, memory_save, memory_forget; unless "memory.enabled" is false) to an MCP client over
        stdin/stdout until the client disconnects. The current directory is the workspace. Permissions, the sandbox,
        the audit log and secret redaction apply as in 'chitin run': there is nobody to ask, so calls that policy
        asks about are refused unless --yes is given. Nothing but the protocol is written to stdout; warnings go
        to stderr.

        With --http it serves Streamable HTTP at http://127.0.0.1:PORT/mcp instead (--port, default a free one):
        every request needs 'Authorization: Bearer <token>' with the gateway's token ($CHITIN_HOME/gateway/token),
        and requests whose Host or Origin is not this loopback server are refused (DNS-rebinding protection).

        Example (an MCP client's config):
          { "mcpServers": { "chitin": { "command": "chitin", "args": ["mcp", "serve", "--yes"] } } }
        """;

    public static Command Create(CommandRuntime runtime)
    {
        var yes = new Option<bool>("--yes", "-y") { Description = "Approve the tool calls policy would ask about; never what a deny rule or plan mode refuses." };
        var http = new Option<bool>("--http") { Description = "Serve Streamable HTTP on 127.0.0.1 instead of stdio; clients send the gateway's bearer token ($CHITIN_HOME/gateway/token)." };
        var port = new Option<int>("--port") { Description = "The port for --http (default: a free one, printed on stderr)." };
        var permissions = new PermissionOptions();
        var serve = new Command("serve", ServeDescription) { yes, http, port };
        permissions.AddTo(serve);
        serve.SetAction((parse, ct) => parse.GetValue(port) is < 0 or > 65535
            ? Task.FromResult(runtime.Fail(ExitCodes.UsageError, "--port must be between 1 and 65535."))
            : !parse.GetValue(http) && parse.GetValue(port) != 0
                ? Task.FromResult(runtime.Fail(ExitCodes.UsageError, "--port applies to --http only."))
                : ServeAsync(runtime, permissions.Read(parse, parse.GetValue(yes)), parse.GetValue(http) ? parse.GetValue(port) : null, ct));
        return new Command("mcp", "Model Context Protocol: list the configured servers' tools, or serve Chitin's tools to other agents.") { McpListCommand.Create(runtime), McpAddCommand.Create(runtime), McpRemoveCommand.Create(runtime), McpLoginCommand.Create(runtime), McpCheckCommand.Create(runtime), serve };
    }

    private static async Task<int> ServeAsync(CommandRuntime runtime, PermissionFlags flags, int? httpPort, CancellationToken cancellationToken)
    {
        ChitinConfig config;
        AgentSafety safety;
        try
        {
            config = TrustPrompt.LoadWithoutAsking(runtime);
            safety = AgentSafety.Create(runtime.Context, config, flags, runtime.Redactor, runtime.Warn);
        }
        catch (ConfigException ex)
        {
            return runtime.Fail(ex);
        }

        using var ownedSafety = safety;
        var context = runtime.Context;
        var sessionId = SessionIds.New(context.Time.GetUtcNow());
        var artifacts = Path.Combine(config.Paths.ArtifactsDirectory, sessionId);
        var toolContext = new ToolContext(context.WorkingDirectory, sessionId, artifacts)
        {
            AllowedDirectories = [artifacts, .. safety.Permissions.AdditionalDirectories],
        };
        var tools = BuiltInTools.CreateDefault(safety.ToolOptions);
        await using var memory = await MemoryServices.OpenAsync(config, context, judgeClient: null, cancellationToken);
        try
        {
            var served = tools.Concat(memory?.Tools ?? []).Select(t => (ITool)new RedactingTool(t, runtime.Redactor)).ToList();
            var options = new ChitinMcpServerOptions { Approver = safety.Permissions, LoggerFactory = runtime.Context.LoggerFactory };
            using var stop = runtime.LinkInterrupts(cancellationToken);
            if (httpPort is { } port)
            {
                return await ServeHttpAsync(runtime, served, toolContext, options, port, stop.Token);
            }

            await using var input = context.OpenStandardInput();
            await using var output = context.OpenStandardOutput();
            await ChitinMcpServer.RunStdioAsync(served, toolContext, input, output, options, stop.Token);
        }
        finally
        {
            await ToolDisposal.DisposeAllAsync(tools);
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> ServeHttpAsync(CommandRuntime runtime, IReadOnlyList<ITool> served, ToolContext toolContext, ChitinMcpServerOptions options, int port, CancellationToken cancellationToken)
    {
        var token = GatewayToken.ReadOrCreate(runtime.Paths);
        ChitinMcpHttpServer server;
        try
        {
            server = ChitinMcpHttpServer.Start(served, toolContext, options, port, presented => GatewayToken.Matches(token, presented));
        }
        catch (System.Net.HttpListenerException ex)
        {
            return runtime.Fail(ExitCodes.UsageError, $"cannot listen on 127.0.0.1:{port}: {ex.Message}; choose another --port.");
        }

        await using (server)
        {
            runtime.Inform($"serving MCP (Streamable HTTP) at {server.Endpoint}; clients send 'Authorization: Bearer <token>' with the token in {GatewayToken.PathFor(runtime.Paths)}");
            await server.RunAsync(cancellationToken);
        }

        return ExitCodes.Ok;
    }
}
