namespace Chitin.Memory.Knowledge;

/// <summary>
/// The superseding rules, applied to current items of the same scope, scope key and layer:
/// (a) the same normalised text is a duplicate; (b) the same subject with other content is replaced;
/// (c) a similar text (content-word Jaccard ≥ <see cref="AmbiguousSimilarity"/>) without the same subject is
/// ambiguous: the judge decides when there is one, otherwise (or when it is unsure or fails) a conflict is recorded;
/// (d) without a judge, the same fact with another time, number or name (<see cref="ValueUpdate"/>) is replaced and
/// the pair recorded as a conflict.
/// </summary>
internal sealed class KnowledgeDecider(IMemoryJudge? judge)
{
    /// <summary>"User prefers dark mode" / "User prefers light mode" (3 of 5 words) is ambiguous; "likes tea" / "likes coffee" (2 of 4) is not.</summary>
    public const double AmbiguousSimilarity = 0.6;

    /// <summary>At most this many ambiguous candidates are judged or recorded per save, most similar first.</summary>
    public const int MaxAmbiguous = 3;

    public async Task<KnowledgeDecision> DecideAsync(
        MemoryDraft draft,
        string normalized,
        string? subject,
        IReadOnlyList<MemoryItem> candidates,
        CancellationToken ct)
    {
        var duplicate = candidates
            .Where(c => MemoryText.Normalize(c.Text) == normalized)
            .OrderByDescending(c => subject is not null && c.Subject == subject)
            .FirstOrDefault();
        if (duplicate is not null)
        {
            return KnowledgeDecision.DuplicateOf(duplicate, "same text");
        }

        var superseded = subject is null ? [] : candidates.Where(c => c.Subject == subject).ToList();

        // Without a judge, a restatement with another time, number or name replaces the older one, and the pair is
        // listed as a conflict so the user can keep the older value. With a judge, such pairs are asked like the others.
        var updated = new List<KnowledgeConflict>();
        foreach (var candidate in candidates.Where(c => !superseded.Contains(c)))
        {
            if (ValueUpdate.Find(candidate.Text, draft.Text) is { } change)
            {
                updated.Add(new KnowledgeConflict(
                    candidate,
                    $"the same fact with another value ({change.Old} → {change.New}); the newer one replaced {candidate.Id}{(judge is null ? " (no judge is configured)" : "")}"));
            }
        }

        var incomingTokens = MemoryText.ContentTokens(draft.Text);
        var ambiguous = candidates
            .Where(c => !superseded.Contains(c))
            .Where(c => judge is not null || !updated.Exists(u => u.Existing.Id == c.Id))
            .Select(c => (Item: c, Similarity: MemoryText.Jaccard(incomingTokens, MemoryText.ContentTokens(c.Text))))
            .Where(c => c.Similarity >= AmbiguousSimilarity || (judge is not null && updated.Exists(u => u.Existing.Id == c.Item.Id)))
            .OrderByDescending(c => c.Similarity)
            .ThenBy(c => c.Item.Id, StringComparer.Ordinal)
            .Take(MaxAmbiguous)
            .ToList();

        var conflicts = new List<KnowledgeConflict>();
        foreach (var (item, similarity) in ambiguous)
        {
            var why = string.Create(CultureInfo.InvariantCulture, $"similar to {item.Id} (word overlap {similarity:0.00}) without clearly the same subject");
            if (judge is null)
            {
                conflicts.Add(new KnowledgeConflict(item, $"{why}; no judge is configured"));
                continue;
            }

            var (judgement, failure) = await AskAsync(item, draft, ct).ConfigureAwait(false);
            switch (judgement)
            {
                case MemoryJudgement.Same:
                    return KnowledgeDecision.DuplicateOf(item, "the judge found it the same fact");
                case MemoryJudgement.Replaces:
                    superseded.Add(item);
                    break;
                case MemoryJudgement.Independent:
                    break;
                default:
                    conflicts.Add(new KnowledgeConflict(item, failure is null ? $"{why}; the judge was unsure" : $"{why}; the judge failed: {failure}"));
                    break;
            }
        }

        return new KnowledgeDecision(null, null, superseded, conflicts) { Updated = judge is null ? updated : [] };
    }

    private async Task<(MemoryJudgement Judgement, string? Failure)> AskAsync(MemoryItem existing, MemoryDraft draft, CancellationToken ct)
    {
        try
        {
            return (await judge!.JudgeAsync(existing, draft, ct).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // A failing model must not lose the fact: it is stored and the doubt is left to the user.
            return (MemoryJudgement.Unsure, ex.Message);
        }
    }
}
