namespace Chitin.Cli.Commands;

/// <summary><c>chitin doctor</c>: starts every enabled MCP server (as a run would, with stored OAuth tokens) and reports each.</summary>
internal static class McpDoctorChecks
{
    public static async Task<IReadOnlyList<DoctorCheck>> RunAsync(CommandRuntime runtime, ChitinConfig loaded, CancellationToken cancellationToken)
    {
        // Servers from a project config the user has not trusted are not started (they would run its commands).
        var config = TrustPrompt.Settle(runtime, loaded, mayAsk: false, () => runtime.LoadConfig());
        var enabled = config.McpServers.Where(s => s.Enabled).ToList();
        if (enabled.Count == 0)
        {
            return [];
        }

        var settings = new McpClientSettings { TokenDirectory = McpTokenStore.DirectoryUnder(config.Paths.Home) };
        await using var source = await McpToolSource.ConnectAsync(enabled, settings, runtime.Context.LoggerFactory, cancellationToken);
        return enabled.Select(server =>
        {
            var name = $"mcp server {server.Name}";
            if (source.Failures.FirstOrDefault(f => f.ServerName == server.Name) is { } failure)
            {
                return new DoctorCheck(name, DoctorCheck.Warn, failure.Message);
            }

            var tools = source.Servers.FirstOrDefault(s => s.Server == server.Name)?.Tools.Count ?? 0;
            return new DoctorCheck(name, DoctorCheck.Ok, string.Create(CultureInfo.InvariantCulture, $"starts and lists {tools} tools"));
        }).ToList();
    }
}
