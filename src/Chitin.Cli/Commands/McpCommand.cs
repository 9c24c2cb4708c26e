using System.CommandLine;
using Chitin.Hosting.Configuration;
using Chitin.Cli.Hosting;
using Chitin.Hosting;
using Chitin.Cli.Trust;
using Chitin.Hosting.Trust;
using Chitin.Core.Sessions;
using Chitin.Core.Tools;
using Chitin.Mcp.Server;
using Chitin.Tools;

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

        Example (an MCP client's config):
          { "mcpServers": { "chitin": { "command": "chitin", "args": ["mcp", "serve", "--yes"] } } }
        """;

    public static Command Create(CommandRuntime runtime)
    {
        var yes = new Option<bool>("--yes", "-y") { Description = "Approve the tool calls policy would ask about; never what a deny rule or plan mode refuses." };
        var permissions = new PermissionOptions();
        var serve = new Command("serve", ServeDescription) { yes };
        permissions.AddTo(serve);
        serve.SetAction((parse, ct) => ServeAsync(runtime, permissions.Read(parse, parse.GetValue(yes)), ct));
        return new Command("mcp", "Model Context Protocol: list the configured servers' tools, or serve Chitin's tools to other agents.") { McpListCommand.Create(runtime), McpAddCommand.Create(runtime), McpRemoveCommand.Create(runtime), McpLoginCommand.Create(runtime), McpCheckCommand.Create(runtime), serve };
    }

    private static async Task<int> ServeAsync(CommandRuntime runtime, PermissionFlags flags, CancellationToken cancellationToken)
    {
        ChitinConfig config;
        AgentSafety safety;
        try
        {
            config = TrustPrompt.Settle(runtime, runtime.LoadConfig(), mayAsk: false, () => runtime.LoadConfig());
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
            var options = new ChitinMcpServerOptions { Approver = safety.Permissions, LoggerFactory = null };
            using var stop = runtime.LinkInterrupts(cancellationToken);
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
}
