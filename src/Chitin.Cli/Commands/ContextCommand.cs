namespace Chitin.Cli.Commands;

/// <summary><c>chitin context &lt;session&gt;</c>: what the next model call of a session would send, layer by layer.</summary>
public static class ContextCommand
{
    private const string Description =
        """
        Show what the next model call of a session would send, layer by layer with token counts (o200k tokenizer):
        the system prompt frozen when the session started, the tool schemas (built-in and MCP), the summary of the
        latest compaction, and the conversation (pruned tool results counted as their stubs). Also shows the share
        of the context window used and how much of it the provider should serve from its prompt cache (everything
        but the messages added since the last model call).

        Examples:
          chitin context 20261123-101500-a1b2c3
          chitin context 20261123-101500-a1b2c3 --json | jq .expected_cached_tokens
        """;

    public static Command Create(CommandRuntime runtime)
    {
        var id = new Argument<string>("session-id") { Description = "Session id, as shown by 'chitin sessions list'." };
        var json = CommonOptions.Json("the report");
        var command = new Command("context", Description) { id, json };
        command.SetAction((parse, ct) => ExecuteAsync(runtime, parse.GetValue(id)!, parse.GetValue(json), ct));
        return command;
    }

    private static async Task<int> ExecuteAsync(CommandRuntime runtime, string sessionId, bool json, CancellationToken cancellationToken)
    {
        ChitinConfig config;
        try
        {
            config = runtime.LoadConfig();
        }
        catch (ConfigException ex)
        {
            return runtime.Fail(ex);
        }

        // No tool runs here: the host is needed for the store and the tool set (MCP servers included).
        await using var host = await ChitinHost.StartAsync(config, new HostOptions { Context = runtime.Context, Approver = new DefaultToolApprover(approveAll: false), Warn = runtime.Warn }, cancellationToken);
        if (await host.Store.GetSessionAsync(sessionId, cancellationToken) is not { } session)
        {
            return runtime.Fail(ExitCodes.UsageError, $"no session '{sessionId}' in {config.Paths.DatabaseFile}; see 'chitin sessions list'");
        }

        var transcript = await host.Store.LoadMessagesAsync(sessionId, cancellationToken);
        var systemPrompt = await SessionCompaction.SystemPromptOfAsync(config, session, cancellationToken);
        var report = ContextReportBuilder.Build(session, transcript, systemPrompt, session.SystemPrompt is not null, host.Tools, config.Context, TiktokenCounter.Instance);
        if (json)
        {
            runtime.Context.Out.WriteLine(JsonSerializer.Serialize(report, CliJsonContext.Default.ContextReport));
        }
        else
        {
            ContextReportView.Write(runtime.Output, report);
        }

        return ExitCodes.Ok;
    }
}
