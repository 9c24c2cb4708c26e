namespace Chitin.Agents.Orchestration;

/// <summary>
/// Runs agent trees in this process: an orchestrator (any run that calls agents_spawn) spawns children that run as
/// tasks of their own, each with its own session, served by the same provider. The runtime decides every status,
/// writes every envelope and ledger line, enforces depth, width and concurrency limits and reserves each child's
/// budget slice from its parent. Callers are told apart by their tool context: a child by its agent id, an
/// orchestrator by its session (which is also its task id).
/// </summary>
public sealed class AgentRuntime : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TaskTree> _trees = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AgentNode> _children = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _spawnGate = new();

    public AgentRuntime(AgentsSettings settings, IChildRunnerFactory runners, AgentBudgets budgets, ITokenCounter counter, TimeProvider? time = null)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        Runners = runners ?? throw new ArgumentNullException(nameof(runners));
        Budgets = budgets ?? throw new ArgumentNullException(nameof(budgets));
        Counter = counter ?? throw new ArgumentNullException(nameof(counter));
        Time = time ?? TimeProvider.System;
        Slots = new SemaphoreSlim(Math.Clamp(settings.MaxRunning, 1, AgentsSettings.SwarmLimit));
        AgentTools = Tools.AgentTools.Create(this);
        Budgets.Charged += OnCharged;
    }

    /// <summary>agent_spawned, agent_finished and budget events of every tree, as they happen (from any thread).</summary>
    public event Action<AgentEvent>? Observed;

    /// <summary>Stage-boundary digests for the agents of every tree; runs of agents that can spawn carry it.</summary>
    public StageDigests Stages { get; } = new();

    public AgentsSettings Settings { get; }

    public IChildRunnerFactory Runners { get; }

    public AgentBudgets Budgets { get; }

    public ITokenCounter Counter { get; }

    public TimeProvider Time { get; }

    /// <summary>agents_spawn, agents_wait, agents_send, agents_kill and agents_status, bound to this runtime.</summary>
    public IReadOnlyList<ITool> AgentTools { get; }

    internal SemaphoreSlim Slots { get; }

    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>The tree a caller belongs to; an orchestrator's is opened (and resumed from its ledger) on first use.</summary>
    public TaskTree TreeOf(ToolContext caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return CallerNode(caller)?.Tree ?? _trees.GetOrAdd(caller.SessionId, id => TreeResume.Open(this, new RunFolders(caller.Workspace, id), id));
    }

    /// <summary>Starts a child and returns at once; the error says why not (limits, budget, unknown role).</summary>
    public async Task<(SpawnResult? Result, string? Error)> SpawnAsync(ToolContext caller, SpawnRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var tree = TreeOf(caller);
        var parent = CallerNode(caller);
        var parentId = parent?.Id ?? "root";
        var depth = (parent?.Depth ?? 0) + 1;
        if (depth > Settings.MaxDepth)
        {
            return (null, $"agent {parentId} is at the deepest level allowed (agents.maxDepth = {Settings.MaxDepth}); do the work yourself");
        }

        AgentRole? role = null;
        if (request.Role is { } roleName)
        {
            var (found, problem) = new RoleCatalog(tree.Folders.Workspace).Find(roleName);
            if (found is null)
            {
                return (null, problem);
            }

            role = found;
        }

        var parentAccount = Budgets.For(parent?.Key ?? tree.RootSessionId);
        var slice = request.BudgetUsd ?? role?.BudgetUsd ?? Settings.ChildBudgetUsd;
        if (request.BudgetUsd is null && parentAccount.RemainingUsd is { } left)
        {
            // A slice nobody asked for never takes more than half of what the parent has left.
            slice = Math.Min(slice, Math.Round(left / 2, 6, MidpointRounding.ToZero));
        }

        AgentNode node;
        lock (_spawnGate)
        {
            var active = tree.ChildrenOf(parentId).Count(c => !c.IsFinal);
            if (active >= Settings.MaxChildren)
            {
                return (null, $"agent {parentId} already has {active} children running (agents.maxChildren = {Settings.MaxChildren}); call agents_wait before spawning more");
            }

            if (parentAccount.LimitUsd is not null && parentAccount.TryReserve(slice) is { } tooMuch)
            {
                return (null, $"cannot reserve ${slice.ToString("0.####", CultureInfo.InvariantCulture)} for a child: {tooMuch}");
            }

            node = new AgentNode(tree, tree.NextId(), parentId, depth, request, role, parentAccount.LimitUsd is null ? null : slice);
            tree.Nodes[node.Id] = node;
            _children[node.Key] = node;
        }

        node.Account = Budgets.OpenChild(node.Key, node.SliceUsd ?? slice);
        await StartAsync(node, written: false, cancellationToken).ConfigureAwait(false);
        return (new SpawnResult(node.Id, tree.Folders.Display(tree.Folders.AgentFolder(node.Id)) + "/", node.Account.LimitUsd), null);
    }

    /// <summary>Writes the child's brief and spawn line (unless a resumed tree already has them) and starts it.</summary>
    internal async Task StartAsync(AgentNode node, bool written, CancellationToken cancellationToken)
    {
        var folders = node.Tree.Folders;
        Directory.CreateDirectory(folders.OutFolder(node.Id));
        if (!written)
        {
            await AtomicFileWriter.WriteTextAsync(folders.BriefPath(node.Id), Brief.For(node), cancellationToken).ConfigureAwait(false);
            await node.Tree.Ledger.AppendAsync(
                new LedgerEntry
                {
                    Kind = LedgerKind.Spawn,
                    At = Time.GetUtcNow(),
                    Agent = node.Id,
                    Parent = node.ParentId,
                    Task = node.Spawn.Task,
                    Role = node.Role?.Name,
                    Model = node.Spawn.Model,
                    Files = node.Spawn.Files.Count == 0 ? null : node.Spawn.Files,
                    Context = node.Spawn.Fork ? "fork" : "isolated",
                    BudgetUsd = node.Account?.LimitUsd,
                    TimeoutSeconds = node.Spawn.TimeoutSeconds,
                },
                cancellationToken).ConfigureAwait(false);
        }

        Publish(new AgentSpawned
        {
            SessionId = ParentSession(node),
            At = Time.GetUtcNow(),
            TaskId = node.Tree.TaskId,
            AgentId = node.Id,
            ParentId = node.ParentId,
            Role = node.Role?.Name,
            Folder = folders.Display(folders.AgentFolder(node.Id)),
            BudgetUsd = node.Account?.LimitUsd,
        });
        if (node.SliceUsd is { } reserved)
        {
            var parentAccount = Budgets.For(node.Tree.KeyOf(node.ParentId));
            Publish(BudgetEvent(node, "reserve", reserved, 0, parentAccount.RemainingUsd));
        }

        node.Running = Task.Run(() => new ChildRun(this, node).RunAsync(), CancellationToken.None);
    }

    /// <summary>
    /// Suspends the caller until the named children (or all its children not yet reported) have ended and returns
    /// their envelopes. An id that is not the caller's child is an error.
    /// </summary>
    public async Task<(IReadOnlyList<CompletionEnvelope> Envelopes, string? Error)> WaitAsync(ToolContext caller, IReadOnlyList<string>? ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var tree = TreeOf(caller);
        var parentId = CallerNode(caller)?.Id ?? "root";
        List<AgentNode> waited;
        if (ids is { Count: > 0 })
        {
            waited = [];
            foreach (var id in ids)
            {
                if (!tree.Nodes.TryGetValue(id, out var node) || node.ParentId != parentId)
                {
                    return ([], $"'{id}' is not a child of {parentId}; children: {Known(tree, parentId)}");
                }

                waited.Add(node);
            }
        }
        else
        {
            waited = tree.ChildrenOf(parentId).Where(n => !n.Delivered).ToList();
        }

        var envelopes = await Task.WhenAll(waited.Select(n => n.Finished.WaitAsync(cancellationToken))).ConfigureAwait(false);
        foreach (var node in waited)
        {
            node.Delivered = true;
        }

        if (envelopes.Length > 0 && tree.ChildrenOf(parentId).All(n => n.IsFinal))
        {
            Stages.Post(caller.SessionId, StageDigest.Compose(tree, parentId, envelopes, Counter));
        }

        return (envelopes, null);
    }

    /// <summary>Posts a note to a running child's steering inbox; it sees it before its next model call.</summary>
    public string? Send(ToolContext caller, string id, string message)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var tree = TreeOf(caller);
        var parentId = CallerNode(caller)?.Id ?? "root";
        if (!tree.Nodes.TryGetValue(id, out var node) || !IsBelow(tree, node, parentId))
        {
            return $"'{id}' is not a descendant of {parentId}; children: {Known(tree, parentId)}";
        }

        return node.IsFinal
            ? $"{id} has already ended with status {StoredNames.Name(node.Status)}; read its envelope with agents_wait"
            : node.Inbox.TryPost(message) ? null : $"{id} is finishing its answer and takes no more messages; spawn a new child for follow-up work";
    }

    /// <summary>Stops a child and every agent below it; returns their envelopes once each has ended.</summary>
    public async Task<(IReadOnlyList<CompletionEnvelope> Envelopes, string? Error)> KillAsync(ToolContext caller, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var tree = TreeOf(caller);
        var parentId = CallerNode(caller)?.Id ?? "root";
        if (!tree.Nodes.TryGetValue(id, out var node) || !IsBelow(tree, node, parentId))
        {
            return ([], $"'{id}' is not a descendant of {parentId}; children: {Known(tree, parentId)}");
        }

        List<AgentNode> stopping = [.. tree.DescendantsOf(id).Reverse(), node];
        foreach (var n in stopping.Where(n => !n.IsFinal))
        {
            n.RequestKill();
        }

        return (await Task.WhenAll(stopping.Select(n => n.Finished.WaitAsync(cancellationToken))).ConfigureAwait(false), null);
    }

    /// <summary>The runtime's view of the caller's descendants.</summary>
    public IReadOnlyList<AgentStatusRow> Status(ToolContext caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var tree = TreeOf(caller);
        var parentId = CallerNode(caller)?.Id ?? "root";
        return tree.DescendantsOf(parentId).Select(n => Row(tree, n)).ToList();
    }

    internal static AgentStatusRow Row(TaskTree tree, AgentNode n)
    {
        var envelope = n.IsFinal ? n.Finished.Result : null;
        return new AgentStatusRow
        {
            Agent = n.Id,
            Parent = n.ParentId,
            Status = n.Status,
            Task = n.Spawn.Task.Length > 120 ? n.Spawn.Task[..120] + "…" : n.Spawn.Task,
            Role = n.Role?.Name,
            Session = n.SessionId,
            Tokens = envelope?.Tokens ?? n.Account?.Tokens ?? 0,
            CostUsd = envelope?.CostUsd ?? n.Account?.SpentUsd ?? 0m,
            BudgetUsd = n.Account?.LimitUsd,
            Folder = tree.Folders.Display(tree.Folders.AgentFolder(n.Id)),
            ResultPath = envelope?.ResultPath,
        };
    }

    internal async Task SettleAsync(AgentNode node, decimal cost, long tokens)
    {
        var parentAccount = Budgets.For(node.Tree.KeyOf(node.ParentId));
        var reserved = node.SliceUsd ?? 0m;
        await parentAccount.SettleAsync(reserved, cost, tokens, CancellationToken.None).ConfigureAwait(false);
        if (node.SliceUsd is not null)
        {
            Publish(BudgetEvent(node, "release", reserved - cost, tokens, parentAccount.RemainingUsd));
        }
    }

    internal string ParentSession(AgentNode node) =>
        node.ParentId != "root" && node.Tree.Nodes.TryGetValue(node.ParentId, out var parent) && parent.SessionId is { } session
            ? session
            : node.Tree.RootSessionId;

    internal void Register(AgentNode node) => _children[node.Key] = node;

    internal void Publish(AgentEvent e) => Observed?.Invoke(e);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        var running = _children.Values.Select(n => n.Running).OfType<Task>().ToArray();
        await Task.WhenAll(running).ConfigureAwait(false);
        Budgets.Charged -= OnCharged;
        _stopping.Dispose();
        Slots.Dispose();
    }

    private AgentNode? CallerNode(ToolContext caller) => _children.TryGetValue(caller.Agent, out var node) ? node : null;

    private void OnCharged(BudgetAccount account, decimal usd, long tokens)
    {
        if (!_children.TryGetValue(account.Key, out var node))
        {
            return;
        }

        _ = node.Tree.Ledger.AppendAsync(new LedgerEntry { Kind = LedgerKind.Charge, At = Time.GetUtcNow(), Agent = node.Id, Usd = usd, Tokens = tokens }, CancellationToken.None);
        Publish(BudgetEvent(node, "charge", usd, tokens, account.RemainingUsd));
    }

    private BudgetCharged BudgetEvent(AgentNode node, string kind, decimal usd, long tokens, decimal? remaining) => new()
    {
        SessionId = ParentSession(node),
        At = Time.GetUtcNow(),
        TaskId = node.Tree.TaskId,
        AgentId = node.Id,
        Kind = kind,
        Usd = usd,
        Tokens = tokens,
        RemainingUsd = remaining,
    };

    private static bool IsBelow(TaskTree tree, AgentNode node, string ancestorId)
    {
        for (var current = node; ;)
        {
            if (current.ParentId == ancestorId)
            {
                return true;
            }

            if (!tree.Nodes.TryGetValue(current.ParentId, out var up))
            {
                return false;
            }

            current = up;
        }
    }

    private static string Known(TaskTree tree, string parentId)
    {
        var ids = tree.ChildrenOf(parentId).Select(n => n.Id).ToList();
        return ids.Count == 0 ? "none" : string.Join(", ", ids);
    }
}
