using Chitin.Hosting.Configuration;
using Chitin.Cli.Hosting;
using Chitin.Hosting;
using Chitin.Core.Agents;
using Chitin.Core.Context;
using Chitin.Core.Metering;
using Chitin.Core.Sessions;

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
        var fixedTokens = ContextBudget.FixedTokens(counter, systemPrompt, host.Tools.Tools);
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
            usage = UsageOf(response.Usage, response.ModelId ?? model, session, providerName, step, config.Prices, time.GetElapsedTime(started).TotalMilliseconds, time.GetUtcNow());
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

    private static UsageRecord UsageOf(
        Microsoft.Extensions.AI.UsageDetails? details,
        string model,
        SessionInfo session,
        string providerName,
        int step,
        PriceTable prices,
        double latencyMs,
        DateTimeOffset now)
    {
        var input = details?.InputTokenCount ?? 0;
        var cached = details?.CachedInputTokenCount ?? 0;
        var cacheWrite = details?.AdditionalCounts is { } extra && extra.TryGetValue(UsageKeys.CacheWriteInputTokens, out var written) ? written : 0;
        var output = details?.OutputTokenCount ?? 0;
        return new UsageRecord
        {
            SessionId = session.Id,
            Agent = session.Agent,
            Provider = providerName,
            Model = model,
            Step = step,
            InputTokens = input,
            CachedInputTokens = cached,
            CacheWriteTokens = cacheWrite,
            OutputTokens = output,
            ReasoningTokens = details?.ReasoningTokenCount ?? 0,
            LatencyMs = latencyMs,
            CostUsd = prices.Cost(model, input, cached, cacheWrite, output),
            CreatedAt = now,
        };
    }
}
