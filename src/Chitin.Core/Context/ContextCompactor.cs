namespace Chitin.Core.Context;

/// <summary>
/// Shrinks the context of a session without deleting anything: first old tool results are pruned to stubs; if
/// that is not enough, the model summarises the older turns (goal, decisions, state, files, open questions) and
/// the recent turns stay verbatim. The result is a compaction marker appended to the transcript.
/// </summary>
public sealed class ContextCompactor
{
    private const string SummarizerPrompt =
        """
        You compact an AI agent's working transcript so it can continue its task with less context.
        Write a faithful, dense summary in Markdown with exactly these sections:
        ## Goal
        ## Decisions
        ## State of the work
        ## Files touched
        ## Open questions
        Keep concrete facts: paths, commands, values, errors and their fixes. Drop chatter. Do not invent anything.
        """;

    private const int SummaryInputToolResultChars = 1_500;

    private readonly IChatClient _chat;
    private readonly ContextOptions _options;
    private readonly Func<SessionMessage, int> _tokensOf;

    public ContextCompactor(IChatClient chat, ContextOptions options, Func<SessionMessage, int> tokensOf)
    {
        _chat = chat ?? throw new ArgumentNullException(nameof(chat));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _tokensOf = tokensOf ?? throw new ArgumentNullException(nameof(tokensOf));
    }

    /// <param name="fixedTokens">Tokens of the system prompt and tool schemas, sent on every call.</param>
    public async Task<CompactionOutcome> CompactAsync(IReadOnlyList<SessionMessage> transcript, int fixedTokens, string model, int step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var window = _options.ContextWindowTokens;
        var previous = ContextMessages.LatestMarker(transcript);
        var active = ContextBudget.ActiveMessages(transcript, previous).ToList();
        var summaryTokens = previous?.Text is { } s ? _tokensOf(new SessionMessage { Role = MessageRole.User, Text = s }) : 0;
        var before = Estimate(transcript, fixedTokens);

        var keepFrom = RecentBoundary(active, (int)(window * _options.RecentShare));
        if (keepFrom <= 0)
        {
            return new CompactionOutcome(null, null, "Nothing old enough to compact: every turn is recent.", before, before);
        }

        var boundary = active[keepFrom - 1].Sequence;
        var prunedMarker = new SessionMessage
        {
            Role = MessageRole.System,
            Kind = MessageKind.Compaction,
            Text = previous?.Text,
            CompactsThrough = previous?.CompactsThrough,
            PrunedThrough = boundary,
            Step = step,
        };
        var afterPruning = fixedTokens + summaryTokens + active.Sum(m => TokensUnder(m, prunedMarker));
        if (afterPruning <= window * _options.TargetAfterCompactionShare)
        {
            return new CompactionOutcome(prunedMarker, null, null, before, afterPruning);
        }

        var recentTokens = active.Skip(keepFrom).Sum(m => TokensUnder(m, prunedMarker));
        try
        {
            var request = new List<ChatMessage>
            {
                new(ChatRole.System, SummarizerPrompt),
                new(ChatRole.User, RenderForSummary(previous?.Text, active.Take(keepFrom), (int)(window * 0.5))),
            };
            var response = await _chat.GetResponseAsync(request, new ChatOptions { ModelId = model, MaxOutputTokens = _options.SummaryMaxTokens }, cancellationToken).ConfigureAwait(false);
            var summary = response.Text.Trim();
            if (summary.Length == 0)
            {
                throw new InvalidOperationException("the model returned an empty summary");
            }

            var marker = prunedMarker with { Text = summary, CompactsThrough = boundary };
            var after = fixedTokens + _tokensOf(new SessionMessage { Role = MessageRole.User, Text = summary }) + recentTokens;
            return new CompactionOutcome(marker, response, null, before, after);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Summarising failed: nothing is lost (the transcript keeps every message). Prune, and if even that
            // does not fit the window, drop the old turns from the context with a note saying so.
            var error = $"Compaction summary failed ({ex.Message}); ";
            if (afterPruning <= window * _options.CompactAtShare)
            {
                return new CompactionOutcome(prunedMarker, null, error + "pruned old tool results instead.", before, afterPruning);
            }

            var note = (previous?.Text is { Length: > 0 } old ? old + "\n\n" : "")
                + string.Create(CultureInfo.InvariantCulture, $"[Messages up to #{boundary} were removed from the context because summarising them failed. They remain in the session transcript.]");
            var dropped = prunedMarker with { Text = note, CompactsThrough = boundary };
            return new CompactionOutcome(dropped, null, error + "dropped old turns from the context instead.", before, fixedTokens + recentTokens);
        }
    }

    /// <summary>Tokens the next call sends for this transcript: fixed part, summary, and the messages after it (pruned results as stubs).</summary>
    public int Estimate(IReadOnlyList<SessionMessage> transcript, int fixedTokens)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var marker = ContextMessages.LatestMarker(transcript);
        var tokens = fixedTokens + (marker?.Text is { } summary ? _tokensOf(new SessionMessage { Role = MessageRole.User, Text = summary }) : 0);
        foreach (var m in ContextBudget.ActiveMessages(transcript, marker))
        {
            tokens += TokensUnder(m, marker);
        }

        return tokens;
    }

    private int TokensUnder(SessionMessage m, SessionMessage? marker) =>
        m.Role == MessageRole.Tool && marker?.PrunedThrough is { } p && m.Sequence <= p && (m.Text?.Length ?? 0) > 400
            ? 40
            : _tokensOf(m);

    /// <summary>Index of the first kept message: recent turns within the budget, starting at a user or assistant message.</summary>
    private int RecentBoundary(List<SessionMessage> active, int recentBudget)
    {
        var used = 0;
        var index = active.Count;
        while (index > 0 && used + _tokensOf(active[index - 1]) <= recentBudget)
        {
            index--;
            used += _tokensOf(active[index]);
        }

        // Never keep a tool result without the assistant call it answers.
        while (index < active.Count && active[index].Role == MessageRole.Tool)
        {
            index++;
        }

        // Keep at least the latest turn.
        if (index >= active.Count)
        {
            index = active.Count - 1;
            while (index > 0 && active[index].Role == MessageRole.Tool)
            {
                index--;
            }
        }

        return index;
    }

    private string RenderForSummary(string? previousSummary, IEnumerable<SessionMessage> messages, int budgetTokens)
    {
        var parts = new List<string>();
        foreach (var m in messages)
        {
            var text = m.Text ?? "";
            if (m.Role == MessageRole.Tool && text.Length > SummaryInputToolResultChars)
            {
                text = string.Concat(text.AsSpan(0, SummaryInputToolResultChars), $" …[{text.Length - SummaryInputToolResultChars} more chars]");
            }

            var calls = m.ToolCalls is { Count: > 0 } c ? " " + string.Join(" ", c.Select(x => $"→ {x.Name}({x.ArgumentsJson})")) : "";
            parts.Add($"#{m.Sequence} {m.Role.ToString().ToLowerInvariant()}{(m.ToolName is null ? "" : " " + m.ToolName)}{(m.IsError ? " (error)" : "")}: {text}{calls}");
        }

        // Oldest parts go first when the input itself is too big.
        var used = parts.Sum(p => p.Length / 3);
        var start = 0;
        while (used > budgetTokens && start < parts.Count - 1)
        {
            used -= parts[start].Length / 3;
            start++;
        }

        var sb = new StringBuilder();
        if (!string.IsNullOrEmpty(previousSummary))
        {
            sb.Append("Summary of what came before:\n").Append(previousSummary).Append("\n\n");
        }

        if (start > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"[{start} older messages omitted]\n");
        }

        sb.Append("Transcript to summarise:\n");
        foreach (var p in parts.Skip(start))
        {
            sb.Append(p).Append('\n');
        }

        return sb.ToString();
    }
}
