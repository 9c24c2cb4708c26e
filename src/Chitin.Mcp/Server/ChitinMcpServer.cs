namespace Chitin.Mcp.Server;

/// <summary>
/// Serves Chitin's tools to MCP clients (<c>chitin mcp serve</c>): each <see cref="ITool"/> is listed with its schema and
/// traits as annotations, and calls run through <see cref="ITool.InvokeAsync"/> in the given <see cref="ToolContext"/>.
/// </summary>
public static class ChitinMcpServer
{
    /// <summary>Serves over this process's stdin and stdout until the client disconnects or <paramref name="cancellationToken"/> fires.</summary>
    public static async Task RunStdioAsync(
        IReadOnlyList<ITool> tools,
        ToolContext context,
        ChitinMcpServerOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new ChitinMcpServerOptions();
        var host = new ChitinToolHost(tools, context, options.Approver);
        var serverOptions = CreateServerOptions(host, options);
        await using var transport = new StdioServerTransport(serverOptions, options.LoggerFactory);
        await RunAsync(transport, serverOptions, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Serves over the given streams (newline-delimited JSON-RPC, as stdio) until input ends or <paramref name="cancellationToken"/> fires.</summary>
    public static async Task RunStdioAsync(
        IReadOnlyList<ITool> tools,
        ToolContext context,
        Stream input,
        Stream output,
        ChitinMcpServerOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        options ??= new ChitinMcpServerOptions();
        var host = new ChitinToolHost(tools, context, options.Approver);
        var serverOptions = CreateServerOptions(host, options);
        await using var transport = new StreamServerTransport(input, output, serverOptions.ServerInfo?.Name, options.LoggerFactory);
        await RunAsync(transport, serverOptions, options, cancellationToken).ConfigureAwait(false);
    }

    private static async Task RunAsync(ITransport transport, McpServerOptions serverOptions, ChitinMcpServerOptions options, CancellationToken cancellationToken)
    {
        await using var server = McpServer.Create(transport, serverOptions, options.LoggerFactory);
        try
        {
            await server.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping on request is the normal way to end a server.
        }
    }

    internal static McpServerOptions CreateServerOptions(ChitinToolHost host, ChitinMcpServerOptions options) => new()
    {
        ServerInfo = ChitinImplementation.Create(),
        ServerInstructions = options.Instructions,
        Capabilities = new ServerCapabilities { Tools = new ToolsCapability { ListChanged = false } },
        Handlers = new McpServerHandlers
        {
            ListToolsHandler = (_, _) => ValueTask.FromResult(host.ListTools()),
            CallToolHandler = (request, cancellationToken) => host.CallAsync(request.Params, cancellationToken),
        },
    };
}
