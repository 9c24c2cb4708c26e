namespace Chitin.Skills.Distill;

/// <summary>
/// Turns a successful session into a draft skill with one bounded model call. The draft is checked against the
/// Agent Skills specification and the vetter, compared with the installed skills (a near-identical one gets a new
/// version instead of a near-copy; earlier versions stay in the library's history) and stored in the library.
/// <para>
/// Drafts are stored <b>disabled</b>: their text was written by a model from a transcript that may carry content
/// from tools and the web, so a person reviews a draft (<c>chitin skills show</c>) and enables it before it can
/// reach any prompt. Enabling also re-vets it and approves its warnings.
/// </para>
/// </summary>
public sealed class SkillDistiller
{
    /// <summary>The agent name on the usage row of the distillation call.</summary>
    public const string UsageAgent = "skill-distiller";

    private readonly IChatClient _chat;
    private readonly ISessionStore _sessions;
    private readonly IUsageStore _usage;
    private readonly ISkillVetter _vetter;
    private readonly SkillLibrary _library;
    private readonly SkillDistillOptions _options;
    private readonly TimeProvider _time;

    public SkillDistiller(IChatClient chat, ISessionStore sessions, IUsageStore usage, ISkillVetter vetter, SkillLibrary library, SkillDistillOptions options, TimeProvider? time = null)
    {
        _chat = chat ?? throw new ArgumentNullException(nameof(chat));
        _sessions = sessions ?? throw new ArgumentNullException(nameof(sessions));
        _usage = usage ?? throw new ArgumentNullException(nameof(usage));
        _vetter = vetter ?? throw new ArgumentNullException(nameof(vetter));
        _library = library ?? throw new ArgumentNullException(nameof(library));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Distills <paramref name="sessionId"/>. Refusals and invalid drafts are results with a reason; a failing model
    /// call surfaces as the chat client's exception, with nothing written.
    /// </summary>
    public async Task<DistillResult> DistillAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        var session = await _sessions.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return Refused(sessionId, $"Session '{sessionId}' does not exist. 'chitin sessions list' shows the sessions.");
        }

        var messages = await _sessions.LoadMessagesAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (SessionSuccess.WhyNot(session, messages) is { } refusal)
        {
            return Refused(sessionId, refusal);
        }

        return await DistillCheckedAsync(sessionId, messages, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The opt-in automatic proposal when a run stops, from the run's in-memory transcript and typed status (nothing is
    /// read back from the session store): null (and no model call) unless <see cref="SkillDistillOptions.AutoPropose"/>
    /// is on, the run is done and a success with at least <see cref="SkillDistillOptions.MinToolCallsToPropose"/> tool
    /// calls, and no skill was distilled from the session before.
    /// </summary>
    public async Task<DistillResult?> ProposeAsync(RunStopped stop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stop);
        if (!_options.AutoPropose)
        {
            return null;
        }

        var done = stop.Status == RunStatus.Done;
        if (SessionSuccess.WhyNot(stop.SessionId, done, stop.Status.ToString(), stop.Transcript) is not null
            || SessionSuccess.ToolCallCount(stop.Transcript) < _options.MinToolCallsToPropose
            || AlreadyDistilled(stop.SessionId))
        {
            return null;
        }

        return await DistillCheckedAsync(stop.SessionId, stop.Transcript, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DistillResult> DistillCheckedAsync(string sessionId, IReadOnlyList<SessionMessage> messages, CancellationToken cancellationToken)
    {
        var input = new DistillInputBuilder(_options.TokenCounter, _options.MaxInputTokens).Build(messages);
        var (answer, usage) = await CallModelAsync(sessionId, input, cancellationToken).ConfigureAwait(false);
        if (!DistilledDraftParser.TryParse(answer, out var draft, out var error))
        {
            return new DistillResult { Outcome = DistillOutcome.InvalidModelOutput, SessionId = sessionId, Reason = error, Usage = usage };
        }

        return await StoreAsync(sessionId, draft, usage, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The opt-in automatic proposal after a run: null (and no model call) unless <see cref="SkillDistillOptions.AutoPropose"/>
    /// is on, the session is a success with at least <see cref="SkillDistillOptions.MinToolCallsToPropose"/> tool calls,
    /// and no skill was distilled from it before.
    /// </summary>
    public async Task<DistillResult?> ProposeAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        if (!_options.AutoPropose)
        {
            return null;
        }

        var session = await _sessions.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return null;
        }

        var messages = await _sessions.LoadMessagesAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (SessionSuccess.WhyNot(session, messages) is not null || SessionSuccess.ToolCallCount(messages) < _options.MinToolCallsToPropose)
        {
            return null;
        }

        return AlreadyDistilled(sessionId) ? null : await DistillAsync(sessionId, cancellationToken).ConfigureAwait(false);
    }

    private bool AlreadyDistilled(string sessionId) =>
        _library.List().Any(s => s.DistilledFrom == sessionId || _library.ListVersions(s.Name).Any(v => v.DistilledFrom == sessionId));

    private async Task<(string Answer, UsageRecord Usage)> CallModelAsync(string sessionId, string input, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages = [new(ChatRole.System, DistillPrompt.System), new(ChatRole.User, input)];
        var chatOptions = new ChatOptions
        {
            ModelId = _options.Model,
            MaxOutputTokens = _options.MaxOutputTokens,
            ResponseFormat = ChatResponseFormat.Json,
        };
        var started = Stopwatch.GetTimestamp();
        var response = await _chat.GetResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false);
        var usage = UsageOf(sessionId, response, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        await _usage.RecordUsageAsync(usage, CancellationToken.None).ConfigureAwait(false);
        return (response.Text, usage);
    }

    /// <summary>The same shape of row the agent loop writes for its own calls, under the distiller's agent name.</summary>
    private UsageRecord UsageOf(string sessionId, ChatResponse response, double latencyMs) =>
        UsageRecords.From(response, new UsageCall(sessionId, UsageAgent, _options.ProviderName, _options.Model, 0, latencyMs, _time.GetUtcNow()), _options.Prices);

    private async Task<DistillResult> StoreAsync(string sessionId, DistilledSkillDraft draft, UsageRecord usage, CancellationToken cancellationToken)
    {
        var proposedName = SkillNameNormalizer.Normalize(draft.Name!);
        var (duplicate, similarity) = FindDuplicate(new SkillText(proposedName, draft.Description! + " " + draft.WhenToUse, draft.Body!));
        var name = duplicate?.Name ?? proposedName;
        var version = duplicate is null ? 1 : duplicate.Version + 1;
        var markdown = SkillMarkdownRenderer.Render(name, draft, sessionId, version);
        var result = new DistillResult
        {
            Outcome = DistillOutcome.Stored,
            SessionId = sessionId,
            Name = name,
            Version = version,
            DuplicateOf = duplicate?.Name,
            Similarity = duplicate is null ? null : similarity,
            SkillMarkdown = markdown,
            Usage = usage,
        };

        var stagingRoot = Path.Combine(_library.Options.StagingDirectory, "distill-" + Guid.NewGuid().ToString("N"));
        var draftDirectory = Path.Combine(stagingRoot, name);
        try
        {
            Directory.CreateDirectory(draftDirectory);
            await File.WriteAllTextAsync(Path.Combine(draftDirectory, "SKILL.md"), markdown, cancellationToken).ConfigureAwait(false);
            var document = SkillDocument.Load(draftDirectory);
            if (!document.IsValid)
            {
                return result with
                {
                    Outcome = DistillOutcome.Invalid,
                    Findings = document.Findings,
                    Reason = $"The draft does not follow the Agent Skills specification: {FindingSummary.Of(document.Findings, FindingSeverity.Block)}. Nothing was stored.",
                };
            }

            var known = _library.List().Select(s => s.Name).Where(n => n != name).ToList();
            var report = await _vetter.VetAsync(draftDirectory, known, cancellationToken).ConfigureAwait(false);
            if (report.Verdict == VetVerdict.Block)
            {
                return result with
                {
                    Outcome = DistillOutcome.Blocked,
                    Report = report,
                    Findings = report.Findings,
                    Reason = $"Vetting blocks the draft: {FindingSummary.Of(report.Findings, FindingSeverity.Block)}. Nothing was stored.",
                };
            }

            var added = await _library.AddAsync(
                draftDirectory,
                new SkillAddOptions { Replace = duplicate is not null, AsDraft = true, DistilledFrom = sessionId, Origin = $"session {sessionId}" },
                cancellationToken).ConfigureAwait(false);
            if (!added.Succeeded)
            {
                return result with { Outcome = DistillOutcome.NotStored, Report = added.Report ?? report, Findings = added.Findings, Reason = added.Reason };
            }

            return result with
            {
                Outcome = duplicate is null ? DistillOutcome.Stored : DistillOutcome.NewVersion,
                Version = added.Installed!.Version,
                Directory = added.Installed.Directory,
                Report = added.Report,
                Findings = added.Findings,
            };
        }
        finally
        {
            TryDelete(stagingRoot);
        }
    }

    /// <summary>The most similar installed skill at or above the threshold.</summary>
    private (SkillListItem? Skill, double Similarity) FindDuplicate(SkillText draft)
    {
        SkillListItem? best = null;
        var bestScore = 0.0;
        foreach (var skill in _library.List())
        {
            var existing = TextOf(skill);
            var score = SkillSimilarity.Score(draft, existing);
            if (score >= _options.DuplicateThreshold && score > bestScore)
            {
                best = skill;
                bestScore = score;
            }
        }

        return (best, bestScore);
    }

    private static SkillText TextOf(SkillListItem skill)
    {
        if (!Directory.Exists(skill.Directory))
        {
            return new SkillText(skill.Name, "", "");
        }

        var document = SkillDocument.Load(skill.Directory);
        return new SkillText(skill.Name, document.Manifest?.Description ?? "", document.Body);
    }

    private static DistillResult Refused(string sessionId, string reason) =>
        new() { Outcome = DistillOutcome.Refused, SessionId = sessionId, Reason = reason };

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Private scratch space; a leftover does no harm.
        }
    }
}
