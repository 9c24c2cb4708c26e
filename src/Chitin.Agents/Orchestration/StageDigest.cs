namespace Chitin.Agents.Orchestration;

/// <summary>
/// What an orchestrator's context holds after a stage boundary: its plan file, a digest of the tree's ledger (counts,
/// tokens, cost) and the envelopes of the stage that just ended. Earlier stages' results stay on disk and are named by
/// folder, never pasted, so the digest does not grow with the number of stages.
/// </summary>
public static class StageDigest
{
    /// <summary>Longest plan carried into the context; a longer plan is cut and the file named.</summary>
    public const int MaxPlanTokens = 1_500;

    public static string Compose(TaskTree tree, string parentId, IReadOnlyList<CompletionEnvelope> stage, ITokenCounter counter)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(counter);
        var folders = tree.Folders;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Plan ({folders.Display(folders.PlanPath)}):\n");
        text.Append(Plan(folders, counter)).Append("\n\n");

        var children = tree.ChildrenOf(parentId).ToList();
        var finished = children.Where(n => n.IsFinal).Select(n => n.Finished.Result).ToList();
        var byStatus = string.Join(", ", finished.GroupBy(e => StoredNames.Name(e.Status)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
        text.Append(CultureInfo.InvariantCulture, $"Progress (ledger {folders.Display(folders.LedgerPath)}): {finished.Count} of {children.Count} children finished");
        text.Append(byStatus.Length > 0 ? $" ({byStatus})" : "");
        text.Append(CultureInfo.InvariantCulture, $"; {finished.Sum(e => e.Tokens):N0} tokens, ${finished.Sum(e => e.CostUsd):0.0000} so far.\n");
        var earlier = children.Where(n => n.IsFinal && stage.All(e => e.Agent != n.Id)).Select(n => n.Id).ToList();
        if (earlier.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"Earlier stages' results: {folders.Display(Path.Combine(folders.Root, "agents"))}/<id>/result.md for {Range(earlier)}; read one only when the next step needs it.\n");
        }

        text.Append("\nThe stage that just ended (completion envelopes):\n");
        text.Append(JsonSerializer.Serialize(stage.ToList(), AgentsJsonContext.Default.ListCompletionEnvelope));
        text.Append("\n\nContinue with the next stage of the plan; when every stage's done criteria hold, answer with the final result.");
        return text.ToString();
    }

    private static string Plan(RunFolders folders, ITokenCounter counter)
    {
        if (!File.Exists(folders.PlanPath))
        {
            return $"(no plan file yet: write your stages and their done criteria to {folders.Display(folders.PlanPath)})";
        }

        var plan = File.ReadAllText(folders.PlanPath).Trim();
        if (counter.CountTokens(plan) <= MaxPlanTokens)
        {
            return plan;
        }

        // Cut by characters in proportion, then re-check: plans are prose, so this converges in a step or two.
        while (plan.Length > 0 && counter.CountTokens(plan) > MaxPlanTokens)
        {
            plan = plan[..(int)(plan.Length * 0.9)];
        }

        return plan + $"\n[plan cut here; the whole plan is in {folders.Display(folders.PlanPath)}]";
    }

    private static string Range(List<string> ids) =>
        ids.Count <= 6 ? string.Join(", ", ids) : $"{ids[0]}…{ids[^1]} ({ids.Count} agents)";
}
