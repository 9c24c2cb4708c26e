namespace Chitin.Cli.Context;

/// <summary>
/// Works out what the next call of a session sends, with <see cref="ContextMessages.Build"/> so the message list is
/// exactly the loop's: the frozen system prompt, the tool schemas, the summary of a compaction marker if any, and the
/// messages the marker did not replace (pruned tool results as their stubs).
/// </summary>
public static class ContextReportBuilder
{
    public static ContextReport Build(
        SessionInfo session,
        IReadOnlyList<SessionMessage> transcript,
        string systemPrompt,
        bool systemPromptFrozen,
        ToolRegistry tools,
        ContextOptions options,
        ITokenCounter counter)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(counter);

        var messages = ContextMessages.Build(systemPrompt, transcript);
        var marker = ContextMessages.LatestMarker(transcript);
        var hasSummary = marker is { Text.Length: > 0, CompactsThrough: > 0 };
        var conversation = messages.Skip(hasSummary ? 2 : 1).ToList();

        var systemTokens = counter.CountTokens(systemPrompt);
        var active = ActiveTools.Of(tools, transcript);
        var loaded = active.Loaded.Select(n => tools.Deferred.TryGet(n, out var t) ? t : null).OfType<ITool>().ToList();
        var alwaysTokens = tools.Tools.Sum(t => ContextBudget.OfTool(counter, t));
        var loadedTokens = loaded.Sum(t => ContextBudget.OfTool(counter, t));
        var toolTokens = alwaysTokens + loadedTokens;
        var summaryTokens = hasSummary ? ContextBudget.OfChatMessage(counter, messages[1]) : 0;
        var messageTokens = conversation.Select(m => ContextBudget.OfChatMessage(counter, m)).ToList();
        var conversationTokens = messageTokens.Sum();
        var stubs = PrunedStubs(transcript, marker);

        var layers = new List<ContextLayer>
        {
            new("system prompt", 1, systemTokens, systemPromptFrozen ? "frozen when the session started" : "assembled now (the session has none stored)"),
            new("tool schemas", tools.Tools.Count, alwaysTokens, string.Join(", ", tools.Tools.Select(t => t.Name))),
        };
        if (tools.Deferred.Count > 0)
        {
            layers.Add(new ContextLayer("loaded tools", loaded.Count, loadedTokens, loaded.Count == 0 ? "none yet: tool_search loads deferred tools" : string.Join(", ", loaded.Select(t => $"{t.Name} ({ContextBudget.OfTool(counter, t)})"))));
            var waiting = tools.Deferred.Tools.Where(t => !active.Loaded.Contains(t.Name)).ToList();
            var waitingTokens = waiting.Sum(t => ContextBudget.OfTool(counter, t));
            layers.Add(new ContextLayer("deferred tools", waiting.Count, 0, string.Create(CultureInfo.InvariantCulture, $"not sent; {waitingTokens} tokens if always loaded; {string.Join("; ", tools.Deferred.Groups.Select(g => $"{g.Source}: {g.Tools.Count(t => !active.Loaded.Contains(t.Name))}"))}")));
        }
        if (hasSummary)
        {
            layers.Add(new ContextLayer("conversation summary", 1, summaryTokens, string.Create(CultureInfo.InvariantCulture, $"replaces messages up to #{marker!.CompactsThrough}")));
        }

        layers.Add(new ContextLayer("conversation", conversation.Count, conversationTokens, stubs == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{stubs} pruned tool results counted as their stubs")));

        var total = systemTokens + toolTokens + summaryTokens + conversationTokens;
        var lastCall = conversation.FindLastIndex(m => m.Role == ChatRole.Assistant);
        var newMessages = conversation.Count - (lastCall + 1);
        var newTokens = messageTokens.Skip(lastCall + 1).Sum();
        return new ContextReport
        {
            SessionId = session.Id,
            Model = session.Model,
            Layers = layers,
            TotalTokens = total,
            WindowTokens = options.ContextWindowTokens,
            CompactAtShare = options.CompactAtShare,
            ExpectedCachedTokens = ExpectedCached(transcript, marker, lastCall, total - newTokens, systemTokens + toolTokens),
            NewTokens = newTokens,
            NewMessages = newMessages,
        };
    }

    /// <summary>
    /// Without a model call nothing is cached. A compaction marker written after the last call (chitin sessions
    /// compact, /compact) changed everything after the system prompt and tools, so only those are.
    /// </summary>
    private static int ExpectedCached(IReadOnlyList<SessionMessage> transcript, SessionMessage? marker, int lastCallIndex, int prefixTokens, int fixedTokens)
    {
        if (lastCallIndex < 0)
        {
            return 0;
        }

        var lastAssistant = transcript.LastOrDefault(m => m.Kind == MessageKind.Message && m.Role == MessageRole.Assistant);
        return marker is not null && lastAssistant is not null && marker.Sequence > lastAssistant.Sequence ? fixedTokens : prefixTokens;
    }

    /// <summary>Tool results the marker replaced by stubs: compared with the stored text, so the rule stays the loop's.</summary>
    private static int PrunedStubs(IReadOnlyList<SessionMessage> transcript, SessionMessage? marker) =>
        marker?.PrunedThrough is null
            ? 0
            : ContextBudget.ActiveMessages(transcript, marker).Count(m => m.Role == MessageRole.Tool
                && ResultText(ContextMessages.ToChatMessage(m, marker)) != ResultText(TranscriptMapper.ToChatMessage(m)));

    private static string? ResultText(ChatMessage message) =>
        message.Contents.OfType<FunctionResultContent>().FirstOrDefault()?.Result?.ToString();
}
