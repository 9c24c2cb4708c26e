namespace Chitin.Cli.Context;

/// <summary>
/// Compacts a session on request (chitin sessions compact, /compact in chat) with the loop's
/// <see cref="ContextCompactor"/>: the marker is appended to the transcript, the summary call is metered like any
/// model call, and nothing is deleted. The next turn of the session sends the compacted context.
/// </summary>
public static class SessionCompaction
{
    public static async Task<CompactionResult> CompactAsync(ChitinHost host, SessionInfo session, string model, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(time);
        var config = host.Config;
        var counter = TiktokenCounter.Instance;
        var transcript = await host.Store.LoadMessagesAsync(session.Id, cancellationToken);
        var systemPrompt = await SystemPromptOfAsync(config, session, cancellationToken);
        var fixedTokens = ActiveTools.Of(host.Tools, transcript).FixedTokens(counter, systemPrompt);
        var (client, providerName) = host.Clients.Get(model);
        var compactor = new ContextCompactor(client, config.Context, m => ContextBudget.OfSessionMessage(counter, m));
        var step = transcript.Count == 0 ? 0 : transcript.Max(m => m.Step);

        var started = time.GetTimestamp();
        var outcome = await compactor.CompactAsync(transcript, fixedTokens, model, step, cancellationToken);
        if (outcome.Marker is null)
        {
            return new CompactionResult(session.Id, false, false, outcome.TokensBefore, outcome.TokensAfter, outcome.Error, null);
        }

        UsageRecord? usage = null;
        if (outcome.SummaryResponse is { } response)
        {
            var call = new UsageCall(session.Id, session.Agent, providerName, model, step, time.GetElapsedTime(started).TotalMilliseconds, time.GetUtcNow());
            usage = UsageRecords.From(response, call, config.Prices);
            await host.Store.RecordUsageAsync(usage, cancellationToken);
        }

        await host.Store.AppendMessageAsync(session.Id, outcome.Marker with { CreatedAt = time.GetUtcNow() }, cancellationToken);
        return new CompactionResult(session.Id, true, outcome.SummaryResponse is not null, outcome.TokensBefore, outcome.TokensAfter, outcome.Error, usage);
    }

    /// <summary>The session's frozen prompt; sessions written before prompts were stored get the one the loop would assemble.</summary>
    public static async Task<string> SystemPromptOfAsync(ChitinConfig config, SessionInfo session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(session);
        return session.SystemPrompt
            ?? await new PromptAssembler(config.SystemPrompt ?? DefaultSystemPrompt.Text).BuildAsync(new PromptLayerContext(session.Agent, session.Workspace), cancellationToken);
    }
}
