namespace Chitin.Agents.Bus;

/// <summary>Folds a task's ledger into the last known state of each agent.</summary>
public static class LedgerReplay
{
    public static RunTree Replay(RunFolders folders, IReadOnlyList<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(folders);
        ArgumentNullException.ThrowIfNull(entries);
        var rows = new Dictionary<string, AgentStatusRow>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var e in entries)
        {
            rows.TryGetValue(e.Agent, out var row);
            switch (e.Kind)
            {
                case LedgerKind.Spawn:
                    if (row is null)
                    {
                        order.Add(e.Agent);
                    }

                    rows[e.Agent] = new AgentStatusRow
                    {
                        Agent = e.Agent,
                        Parent = e.Parent ?? "root",
                        Status = AgentStatus.Queued,
                        Task = e.Task ?? "",
                        Role = e.Role,
                        BudgetUsd = e.BudgetUsd,
                        Folder = folders.Display(folders.AgentFolder(e.Agent)),
                    };
                    break;
                case LedgerKind.Claim when row is not null:
                    rows[e.Agent] = row with { Status = AgentStatus.Running, Session = e.Session ?? row.Session };
                    break;
                case LedgerKind.Charge when row is not null && !IsFinal(row.Status):
                    rows[e.Agent] = row with { Tokens = row.Tokens + (e.Tokens ?? 0), CostUsd = row.CostUsd + (e.Usd ?? 0m) };
                    break;
                case LedgerKind.Complete or LedgerKind.Fail when row is not null:
                    rows[e.Agent] = row with
                    {
                        Status = e.Status ?? (e.Kind == LedgerKind.Complete ? AgentStatus.Done : AgentStatus.Failed),
                        Session = e.Session ?? row.Session,
                        Tokens = e.Tokens ?? row.Tokens,
                        CostUsd = e.Usd ?? row.CostUsd,
                        ResultPath = folders.Display(folders.ResultPath(e.Agent)),
                    };
                    break;
            }
        }

        return new RunTree
        {
            TaskId = folders.TaskId,
            Folder = folders.Display(folders.Root),
            StartedAt = entries.Count == 0 ? null : entries[0].At,
            Agents = order.Select(id => rows[id]).ToList(),
        };
    }

    /// <summary>Whether a status is final (the agent will not run again in this tree).</summary>
    public static bool IsFinal(AgentStatus status) => status is not (AgentStatus.Queued or AgentStatus.Running);
}
