namespace Chitin.Memory.Storage;

/// <summary>
/// Writes a batch of prepared drafts in one transaction with the set-based form of the first two superseding rules:
/// the current items of the batch's scopes that share a normalised text or a subject with any draft are read in two
/// statements (<see cref="MemoryRepository.CurrentMatches"/>), then each draft, in order, is a duplicate of the item
/// with its text, replaces the items with its subject, or is new; drafts of the same batch see each other. The third
/// rule (similar wording without the same subject) needs each item's lexical neighbours and is left to single saves.
/// </summary>
internal sealed class BatchWriter(MemoryRepository repository, Func<string> newId)
{
    public BatchOutcome Write(IReadOnlyList<PreparedDraft> drafts, DateTimeOffset now)
    {
        using var transaction = repository.Begin();
        var existing = repository.CurrentMatches(transaction, drafts, now);
        var byText = new Dictionary<(string Group, long Hash), Known>();
        var bySubject = new Dictionary<(string Group, string Subject), List<Known>>();
        foreach (var stored in existing)
        {
            Remember(new Known(stored.ItemNo, stored.Item, stored.OriginSession, stored.SubjectExplicit, HashOf(stored.Item.Text)));
        }

        var outcome = new BatchOutcome();

        // "created" rows of plain creates wait here and are written set-based, before any other history row, so every
        // item's history keeps its order.
        var created = new List<long>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            var group = Group(draft.Draft.Scope, draft.ScopeKey, draft.Draft.Layer);
            if (byText.TryGetValue((group, draft.NormalizedHash), out var same) && MemoryText.Normalize(same.Item.Text) == draft.Normalized)
            {
                Flush();
                var merged = MergeDuplicate(transaction, same, draft, now);
                Remember(merged);
                outcome.Results.Add(new MemorySaveResult(merged.Item, MemorySaveAction.Duplicate, [], []));
                outcome.Changed.Add(merged.ItemNo);
                continue;
            }

            var id = newId();
            var validFrom = draft.Draft.ValidFrom ?? now;
            var replaced = new List<MemoryItem>();
            if (draft.Subject is not null && bySubject.Remove((group, draft.Subject), out var older))
            {
                Flush();
                foreach (var old in older.Where(o => repository.End(transaction, o.Item.Id, validFrom, id, $"superseded by {id}", now)))
                {
                    repository.AppendHistory(transaction, old.Item.Id, MemoryChangeKind.Superseded, now, old.Item.Text, $"superseded by {id}", id);
                    byText.Remove((group, old.NormHash));
                    replaced.Add(old.Item);
                    outcome.Changed.Add(old.ItemNo);
                }
            }

            var supersedes = replaced.FirstOrDefault()?.Id;
            var itemNo = repository.Insert(transaction, draft, id, now, validFrom, supersedes);
            if (replaced.Count == 0)
            {
                created.Add(itemNo);
            }
            else
            {
                repository.AppendHistory(transaction, id, MemoryChangeKind.Created, now, draft.Text, "supersedes " + string.Join(", ", replaced.Select(r => r.Id)), supersedes);
            }

            var item = new MemoryItem
            {
                Id = id,
                Text = draft.Text,
                Layer = draft.Draft.Layer,
                Scope = draft.Draft.Scope,
                ScopeKey = draft.ScopeKey,
                Subject = draft.Subject,
                Tags = draft.Tags,
                Pinned = draft.Draft.Pinned,
                Source = draft.Draft.Source,
                CreatedAt = now,
                UpdatedAt = now,
                ValidFrom = validFrom,
                ExpiresAt = draft.Draft.ExpiresAt,
                Supersedes = supersedes,
            };
            var known = new Known(itemNo, item, draft.OriginSession, draft.SubjectExplicit, draft.NormalizedHash);
            Remember(known);
            outcome.Inserted.Add(known.ToStored());
            outcome.Results.Add(new MemorySaveResult(
                item,
                replaced.Count > 0 ? MemorySaveAction.Superseded : MemorySaveAction.Created,
                replaced.Select(r => r.Id).ToList(),
                []));
        }

        Flush();
        transaction.Commit();
        return outcome;

        void Flush()
        {
            repository.AppendCreatedHistory(transaction, created);
            created.Clear();
        }

        void Remember(Known known)
        {
            var item = known.Item;
            var group = Group(item.Scope, item.ScopeKey, item.Layer);
            byText[(group, known.NormHash)] = known;
            if (item.Subject is not null)
            {
                if (!bySubject.TryGetValue((group, item.Subject), out var list))
                {
                    bySubject[(group, item.Subject)] = list = [];
                }

                list.RemoveAll(k => k.ItemNo == known.ItemNo);
                list.Add(known);
            }
        }
    }

    private static string Group(MemoryScope scope, string scopeKey, MemoryLayer layer) => $"{(int)scope}\u0001{(int)layer}\u0001{scopeKey}";

    private Known MergeDuplicate(SqliteTransaction transaction, Known existing, PreparedDraft draft, DateTimeOffset now)
    {
        var item = existing.Item;
        var merged = PreparedDraft.MergeTags(item.Tags, draft.Tags);
        if (merged.Count != item.Tags.Count)
        {
            repository.SetTags(transaction, item.Id, merged, now);
            repository.AppendHistory(transaction, item.Id, MemoryChangeKind.Edited, now, item.Text, $"saved again (same text); tags added: {string.Join(", ", merged.Skip(item.Tags.Count))}", null);
            item = item with { Tags = merged, UpdatedAt = now };
        }

        if (draft.Draft.Pinned && !item.Pinned)
        {
            repository.SetPinned(transaction, item.Id, true, now);
            repository.AppendHistory(transaction, item.Id, MemoryChangeKind.Pinned, now, item.Text, "saved again pinned (same text)", null);
            item = item with { Pinned = true, UpdatedAt = now };
        }

        return existing with { Item = item };
    }

    private static long HashOf(string text) => MemoryText.NormalizedHash(MemoryText.Normalize(text));

    private sealed record Known(long ItemNo, MemoryItem Item, string? OriginSession, bool SubjectExplicit, long NormHash)
    {
        public StoredItem ToStored() => new(ItemNo, Item, OriginSession, SubjectExplicit);
    }
}
