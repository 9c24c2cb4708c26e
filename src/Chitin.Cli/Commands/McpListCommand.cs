namespace Chitin.Cli.Commands;

/// <summary><c>chitin mcp list</c>: starts the configured servers and shows each one's tools and whether they are deferred.</summary>
public static class McpListCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var json = CommonOptions.Json("the servers and their tools");
        var command = new Command("list", "Start the configured MCP servers and list each one's tools, their token cost and whether they are deferred (loaded on demand through tool_search; the \"deferTools\" setting).") { json };
        command.SetAction((parse, ct) => ListAsync(runtime, parse.GetValue(json), ct));
        return command;
    }

    private static async Task<int> ListAsync(CommandRuntime runtime, bool json, CancellationToken cancellationToken)
    {
        if (!runtime.TryLoadConfig(out var config, out var failed, () => TrustPrompt.LoadWithoutAsking(runtime)))
        {
            return failed;
        }

        var settings = new McpClientSettings { TokenDirectory = Chitin.Mcp.Auth.McpTokenStore.DirectoryUnder(config.Paths.Home) };
        await using var source = await McpToolSource.ConnectAsync(config.McpServers, settings, runtime.Context.LoggerFactory, cancellationToken);
        var counter = TiktokenCounter.Instance;
        var output = new McpListOutput(config.McpServers.Select(server =>
        {
            var setting = Setting(server);
            if (!server.Enabled)
            {
                return new McpServerOutput(server.Name, server.Origin, "disabled", setting, false, [], null);
            }

            if (source.Servers.FirstOrDefault(s => s.Server == server.Name) is not { } connected)
            {
                var failure = source.Failures.FirstOrDefault(f => f.ServerName == server.Name)?.Message;
                return new McpServerOutput(server.Name, server.Origin, "failed", setting, false, [], failure);
            }

            var tools = connected.Tools.Select(t => new McpToolOutput(t.Name, connected.Deferred, ContextBudget.OfTool(counter, t))).ToList();
            return new McpServerOutput(server.Name, server.Origin, "connected", setting, connected.Deferred, tools, null);
        }).ToList());

        if (json)
        {
            runtime.Context.Out.WriteLine(JsonSerializer.Serialize(output, CliJsonContext.Default.McpListOutput));
            return Exit(output);
        }

        if (output.Servers.Count == 0)
        {
            runtime.Error.Line("no MCP servers configured; add them under \"mcpServers\" in config.json");
            return ExitCodes.Ok;
        }

        foreach (var server in output.Servers)
        {
            var tokens = server.Tools.Sum(t => t.Tokens);
            runtime.Context.Out.WriteLine(server.Status switch
            {
                "connected" => string.Create(CultureInfo.InvariantCulture, $"{server.Name}: {server.Tools.Count} tools, {tokens} tokens of schemas, {(server.Deferred ? "deferred (tool_search loads them)" : "always loaded")}; deferTools {server.DeferTools}"),
                "failed" => $"{server.Name}: failed: {server.Error}",
                _ => $"{server.Name}: disabled",
            });
            if (server.Tools.Count > 0)
            {
                runtime.Output.Table(
                    ["tool", "deferred", "tokens"],
                    server.Tools.Select(t => (IReadOnlyList<string>)[t.Name, t.Deferred ? "yes" : "no", t.Tokens.ToString(CultureInfo.InvariantCulture)]), 2);
            }
        }

        return Exit(output);
    }

    private static int Exit(McpListOutput output) => output.Servers.Any(s => s.Status == "failed") ? ExitCodes.TaskFailed : ExitCodes.Ok;

    private static string Setting(McpServerConfig server) => server.DeferToolsAbove switch
    {
        null => "never",
        0 => "always",
        McpServerConfig.AutoDeferThreshold => string.Create(CultureInfo.InvariantCulture, $"auto (above {McpServerConfig.AutoDeferThreshold} tools)"),
        var above => string.Create(CultureInfo.InvariantCulture, $"above {above} tools"),
    };
}
