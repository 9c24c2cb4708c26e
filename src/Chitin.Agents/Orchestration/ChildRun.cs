namespace Chitin.Agents.Orchestration;

/// <summary>
/// Runs one child to its end in this process and closes it on the bus: result.md, transcript.jsonl and envelope.json
/// written atomically, a complete or fail line in the ledger, its slice settled with its parent, its envelope handed
/// to whoever waits.
/// </summary>
internal sealed class ChildRun(AgentRuntime runtime, AgentNode node)
{
    private const string EnvelopeFile = "envelope.json";

    public async Task RunAsync()
    {
        var folders = node.Tree.Folders;
        var killed = node.Kill.Token;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(node.Spawn.TimeoutSeconds ?? runtime.Settings.TimeoutSeconds), runtime.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(killed, timeout.Token, runtime.Stopping);
        AgentRunResult? result = null;
        string? failure = null;
        var slot = false;
        try
        {
            await runtime.Slots.WaitAsync(linked.Token).ConfigureAwait(false);
            slot = true;
            node.Status = AgentStatus.Running;
            var factory = runtime.Runners;
            var model = node.Spawn.Model ?? node.Role?.Model ?? factory.DefaultModel;
            var leaf = node.Depth >= runtime.Settings.MaxDepth;
            var tools = ChildToolSet.For(factory.Tools, node.Role, leaf, runtime.AgentTools);
            var approver = new WorkerApprover(factory.Approver, folders.Workspace, folders.AgentFolder(node.Id), node.Spawn.Files);
            var runner = factory.Create(model, tools, approver);
            var request = new AgentRunRequest
            {
                Prompt = Brief.For(node),
                SessionId = node.Spawn.Fork ? await ForkAsync(factory.Sessions, model, linked.Token).ConfigureAwait(false) : null,
                Model = model,
                Agent = node.Key,
                Workspace = folders.Workspace,
                Limits = factory.Limits,
                Steering = node.Inbox,
                ContextRebuild = leaf ? null : runtime.Stages,
            };
            await foreach (var e in runner.RunAsync(request, linked.Token).ConfigureAwait(false))
            {
                switch (e)
                {
                    case RunStarted started:
                        node.SessionId = started.SessionId;
                        await node.Tree.Ledger.AppendAsync(
                            new LedgerEntry { Kind = LedgerKind.Claim, At = runtime.Time.GetUtcNow(), Agent = node.Id, Session = started.SessionId, Pid = Environment.ProcessId },
                            CancellationToken.None).ConfigureAwait(false);
                        break;
                    case RunCompleted done:
                        result = done.Result;
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            failure = "stopped before it started";
        }
#pragma warning disable CA1031 // A child that fails to start must still leave an envelope for its parent.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = $"{ex.GetType().Name}: {ex.Message}";
        }
        finally
        {
            if (slot)
            {
                runtime.Slots.Release();
            }
        }

        var status = FinalStatus(result?.Status ?? RunStatus.Failed, node.KillRequested, timeout.IsCancellationRequested && !node.KillRequested);
        await FinishAsync(status, result, failure ?? result?.Error).ConfigureAwait(false);
    }

    private async Task FinishAsync(AgentStatus status, AgentRunResult? result, string? error)
    {
        var folders = node.Tree.Folders;
        var resultPath = folders.ResultPath(node.Id);
        var text = result?.FinalText is { Length: > 0 } final ? final : $"(no answer: the child ended with status {StoredNames.Name(status)}{(error is null ? "" : ": " + error)})";
        await AtomicFileWriter.WriteTextAsync(resultPath, text, CancellationToken.None).ConfigureAwait(false);
        if (node.SessionId is { } session)
        {
            await WriteTranscriptAsync(session).ConfigureAwait(false);
        }

        var account = node.Account;
        var cost = account?.SpentUsd ?? result?.Usage.CostUsd ?? 0m;
        var tokens = account?.Tokens ?? result?.Usage.TotalTokens ?? 0;
        var (capped, truncated) = ResultCap.Apply(runtime.Counter, text, runtime.Settings.EnvelopeTokens, folders.Display(resultPath));
        var envelope = new CompletionEnvelope
        {
            Agent = node.Id,
            Status = status,
            Result = capped,
            Truncated = truncated,
            ResultPath = folders.Display(resultPath),
            ArtifactsPath = folders.Display(folders.OutFolder(node.Id)) + "/",
            TranscriptPath = folders.Display(folders.TranscriptPath(node.Id)),
            Tokens = tokens,
            CostUsd = cost,
            Error = status == AgentStatus.Done ? null : error,
        };
        await AtomicFileWriter.WriteTextAsync(Path.Combine(folders.AgentFolder(node.Id), EnvelopeFile), JsonSerializer.Serialize(envelope, AgentsJsonContext.Default.CompletionEnvelope), CancellationToken.None).ConfigureAwait(false);
        await node.Tree.Ledger.AppendAsync(
            new LedgerEntry
            {
                Kind = status == AgentStatus.Done ? LedgerKind.Complete : LedgerKind.Fail,
                At = runtime.Time.GetUtcNow(),
                Agent = node.Id,
                Session = node.SessionId,
                Status = status,
                Usd = cost,
                Tokens = tokens,
                Error = envelope.Error,
            },
            CancellationToken.None).ConfigureAwait(false);
        await runtime.SettleAsync(node, cost, tokens).ConfigureAwait(false);
        runtime.Publish(new AgentFinished
        {
            SessionId = runtime.ParentSession(node),
            At = runtime.Time.GetUtcNow(),
            TaskId = node.Tree.TaskId,
            AgentId = node.Id,
            Status = status,
            Tokens = tokens,
            CostUsd = cost,
            ResultPath = envelope.ResultPath,
        });
        node.Complete(envelope);
    }

    /// <summary>The envelope's status, from how the run ended — never from the model's text.</summary>
    private static AgentStatus FinalStatus(RunStatus status, bool killed, bool timedOut) =>
        killed ? AgentStatus.Killed
        : timedOut ? AgentStatus.Timeout
        : status switch
        {
            RunStatus.Done => AgentStatus.Done,
            RunStatus.BudgetExceeded => AgentStatus.BudgetExceeded,
            RunStatus.Cancelled => AgentStatus.Killed,
            _ => AgentStatus.Failed,
        };

    /// <summary>The envelope a finished child left on the bus, for a resumed tree.</summary>
    public static CompletionEnvelope? ReadEnvelope(RunFolders folders, string agentId)
    {
        var path = Path.Combine(folders.AgentFolder(agentId), EnvelopeFile);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), AgentsJsonContext.Default.CompletionEnvelope) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task WriteTranscriptAsync(string session)
    {
        var messages = await runtime.Runners.Sessions.LoadMessagesAsync(session, CancellationToken.None).ConfigureAwait(false);
        var text = new StringBuilder();
        foreach (var m in messages)
        {
            text.Append(JsonSerializer.Serialize(m, CoreJsonContext.Default.SessionMessage)).Append('\n');
        }

        await AtomicFileWriter.WriteTextAsync(node.Tree.Folders.TranscriptPath(node.Id), text.ToString(), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>"fork": a new session holding a copy of the parent's conversation, so the child shares its cache prefix.</summary>
    private async Task<string> ForkAsync(ISessionStore sessions, string model, CancellationToken ct)
    {
        var parentSession = runtime.ParentSession(node);
        var parent = await sessions.GetSessionAsync(parentSession, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"cannot fork: the parent's session '{parentSession}' is not stored");
        var now = runtime.Time.GetUtcNow();
        var created = await sessions.CreateSessionAsync(
            new SessionInfo
            {
                Id = SessionIds.New(now),
                Title = $"fork of {parent.Id} for {node.Id}",
                Agent = node.Id,
                Model = model,
                Workspace = node.Tree.Folders.Workspace,
                Status = SessionStatus.Idle,
                CreatedAt = now,
                UpdatedAt = now,
                SystemPrompt = parent.SystemPrompt,
            },
            ct).ConfigureAwait(false);
        foreach (var m in await sessions.LoadMessagesAsync(parent.Id, ct).ConfigureAwait(false))
        {
            if (m.Kind == MessageKind.Message && !m.Rewound)
            {
                await sessions.AppendMessageAsync(created.Id, m with { Sequence = 0, CompactsThrough = null, PrunedThrough = null }, ct).ConfigureAwait(false);
            }
        }

        return created.Id;
    }
}
