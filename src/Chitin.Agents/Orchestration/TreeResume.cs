namespace Chitin.Agents.Orchestration;

/// <summary>
/// Opens an orchestrator's tree; when its ledger already exists (the process was killed and the session resumed),
/// rebuilds it from there: finished children keep their envelopes (their results are never redone), children whose
/// lease expired — their process is gone, or their claim is older than agents.leaseSeconds — start again from their
/// brief.
/// </summary>
internal static class TreeResume
{
    public static TaskTree Open(AgentRuntime runtime, RunFolders folders, string rootSessionId)
    {
        var tree = new TaskTree(folders, rootSessionId);
        var entries = RunLedger.Read(folders.LedgerPath);
        if (entries.Count == 0)
        {
            return tree;
        }

        var state = LedgerReplay.Replay(folders, entries);
        var rootAccount = runtime.Budgets.For(rootSessionId);
        List<AgentNode> reclaimed = [];
        foreach (var row in state.Agents)
        {
            var spawn = entries.First(e => e.Kind == LedgerKind.Spawn && e.Agent == row.Agent);
            var role = spawn.Role is { } name ? new RoleCatalog(folders.Workspace).Find(name).Role : null;
            var request = new SpawnRequest(spawn.Task ?? "")
            {
                Role = spawn.Role,
                Files = spawn.Files ?? [],
                Fork = spawn.Context == "fork",
                Model = spawn.Model,
                BudgetUsd = spawn.BudgetUsd,
                TimeoutSeconds = spawn.TimeoutSeconds,
            };
            var depth = row.Parent == "root" ? 1 : tree.Nodes.TryGetValue(row.Parent, out var up) ? up.Depth + 1 : 1;
            var node = new AgentNode(tree, row.Agent, row.Parent, depth, request, role, spawn.BudgetUsd) { SessionId = row.Session };
            tree.SeenId(row.Agent);
            tree.Nodes[node.Id] = node;
            runtime.Register(node);
            if (LedgerReplay.IsFinal(row.Status))
            {
                var envelope = ChildRun.ReadEnvelope(folders, row.Agent) ?? new CompletionEnvelope
                {
                    Agent = row.Agent,
                    Status = row.Status,
                    Result = File.Exists(folders.ResultPath(row.Agent)) ? File.ReadAllText(folders.ResultPath(row.Agent)) : "",
                    ResultPath = folders.Display(folders.ResultPath(row.Agent)),
                    ArtifactsPath = folders.Display(folders.OutFolder(row.Agent)) + "/",
                    TranscriptPath = folders.Display(folders.TranscriptPath(row.Agent)),
                    Tokens = row.Tokens,
                    CostUsd = row.CostUsd,
                };
                node.Complete(envelope);
                if (row.Parent == "root")
                {
                    rootAccount.RecordAsync("children", row.CostUsd, row.Tokens, CancellationToken.None).GetAwaiter().GetResult();
                }
            }
            else if (LeaseExpired(entries, row.Agent, runtime))
            {
                reclaimed.Add(node);
            }
        }

        foreach (var node in reclaimed)
        {
            var parentAccount = runtime.Budgets.For(tree.KeyOf(node.ParentId));
            if (node.SliceUsd is { } slice && parentAccount.LimitUsd is not null)
            {
                parentAccount.TryReserve(slice);
            }

            node.Account = runtime.Budgets.OpenChild(node.Key, node.SliceUsd ?? runtime.Settings.ChildBudgetUsd);
            runtime.StartAsync(node, written: true, CancellationToken.None).GetAwaiter().GetResult();
        }

        return tree;
    }

    private static bool LeaseExpired(IReadOnlyList<LedgerEntry> entries, string agent, AgentRuntime runtime)
    {
        var claim = entries.LastOrDefault(e => e.Kind == LedgerKind.Claim && e.Agent == agent);
        if (claim is null || claim.Pid is not { } pid || pid == Environment.ProcessId)
        {
            return claim is null || claim.Pid != Environment.ProcessId;
        }

        return !IsAlive(pid) || runtime.Time.GetUtcNow() - claim.At > TimeSpan.FromSeconds(runtime.Settings.LeaseSeconds);
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
