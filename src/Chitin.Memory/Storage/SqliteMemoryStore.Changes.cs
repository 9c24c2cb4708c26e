namespace Chitin.Memory.Storage;/// <summary>Edits, forgets, pins, deletes and conflict resolution: every change one transaction, then the index is told.</summary>
public sealed partial class SqliteMemoryStore
{
    public async Task<MemoryItem> EditAsync(string id, string newText, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var text = PreparedDraft.ValidText(newText, nameof(newText));
        var vector = await TryEmbedAsync(text, cancellationToken).ConfigureAwait(false);
        return await ChangeAsync(
            $"edit memory item '{id}'",
            id,
            (transaction, found, now) =>
            {
                var stored = found ?? throw MemoryStoreErrors.ItemNotFound(DatabasePath, id);
                if (!stored.Item.IsCurrent(now))
                {
                    throw new MemoryStoreException(
                        MemoryStoreErrorKind.ItemNotCurrent,
                        DatabasePath,
                        $"Memory item '{id}' is no longer current ({stored.Item.EndReason ?? "expired"}); only current items can be edited. Save a new item instead.");
                }

                if (stored.Item.Text == text)
                {
                    return stored.Item;
                }

                var subject = stored.SubjectExplicit ? stored.Item.Subject : SubjectExtractor.Extract(text);
                _repository.SetText(transaction, stored.ItemNo, text, MemoryText.NormalizedHash(MemoryText.Normalize(text)), subject, now);
                if (vector is { } v)
                {
                    _repository.SetVector(transaction, stored.ItemNo, v, EmbedderName);
                }

                _repository.AppendHistory(transaction, id, MemoryChangeKind.Edited, now, text, Reason(reason, "edited"), null);
                transaction.Commit();
                var updated = _repository.Get(id, null)!;
                IndexVector(updated, vector);
                if (vector is null)
                {
                    RewindIndexer(updated.ItemNo);
                }

                return updated.Item;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<MemoryItem?> ForgetAsync(string id, string reason, CancellationToken cancellationToken) =>
        ChangeAsync<MemoryItem?>(
            $"forget memory item '{id}'",
            id,
            (transaction, stored, now) =>
            {
                if (stored is null || stored.Item.ValidTo is not null)
                {
                    return stored?.Item;
                }

                var why = Reason(reason, "forgotten");
                _repository.End(transaction, id, now, null, why, now);
                _repository.AppendHistory(transaction, id, MemoryChangeKind.Forgotten, now, stored.Item.Text, why, null);
                transaction.Commit();
                return Refresh(id).Item;
            },
            cancellationToken);

    public Task<MemoryItem> SetPinnedAsync(string id, bool pinned, CancellationToken cancellationToken) =>
        ChangeAsync(
            $"{(pinned ? "pin" : "unpin")} memory item '{id}'",
            id,
            (transaction, found, now) =>
            {
                var stored = found ?? throw MemoryStoreErrors.ItemNotFound(DatabasePath, id);
                if (stored.Item.Pinned == pinned)
                {
                    return stored.Item;
                }

                _repository.SetPinned(transaction, id, pinned, now);
                _repository.AppendHistory(transaction, id, pinned ? MemoryChangeKind.Pinned : MemoryChangeKind.Unpinned, now, stored.Item.Text, null, null);
                transaction.Commit();
                return Refresh(id).Item;
            },
            cancellationToken);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(
            $"delete memory item '{id}'",
            id,
            (transaction, stored, now) =>
            {
                if (stored is null)
                {
                    return false;
                }

                _repository.Delete(transaction, id);
                _repository.AppendHistory(transaction, id, MemoryChangeKind.Deleted, now, "", "deleted by the user; its texts were removed from the history", null);
                transaction.Commit();
                _index.Remove(stored.ItemNo);
                RewindIndexer(stored.ItemNo);
                return true;
            },
            cancellationToken);

    /// <summary>
    /// Runs <paramref name="change"/> on item <paramref name="id"/> as stored (null when there is none), in one write
    /// transaction that <paramref name="change"/> commits, with one clock reading for every time it stamps.
    /// </summary>
    private Task<T> ChangeAsync<T>(
        string action,
        string id,
        Func<SqliteTransaction, StoredItem?, DateTimeOffset, T> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _gate.RunAsync(
            action,
            () =>
            {
                var now = _time.GetUtcNow();
                using var transaction = _repository.Begin();
                return change(transaction, _repository.Get(id, transaction), now);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<MemoryConflict>> ListConflictsAsync(CancellationToken cancellationToken) =>
        _gate.RunAsync(
            "list memory conflicts",
            () =>
            {
                // A conflict is moot once either side has ended (forgotten, superseded, expired), unless the newer replaced the older.
                var now = _time.GetUtcNow();
                return (IReadOnlyList<MemoryConflict>)_repository.Conflicts(null, null)
                    .Select(c => c.Conflict)
                    .Where(c => c.Incoming.IsCurrent(now) && (c.Existing.IsCurrent(now) || c.Existing.SupersededBy == c.Incoming.Id))
                    .ToList();
            },
            cancellationToken);

    public Task ResolveConflictAsync(long conflictId, ConflictResolution resolution, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(resolution))
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Unknown conflict resolution.");
        }

        return _gate.RunAsync(
            $"resolve memory conflict #{conflictId}",
            () =>
            {
                var now = _time.GetUtcNow();
                using var transaction = _repository.Begin();
                var found = _repository.Conflicts(conflictId, transaction);
                if (found.Count == 0)
                {
                    throw new MemoryStoreException(
                        MemoryStoreErrorKind.ConflictNotFound,
                        DatabasePath,
                        $"No memory conflict #{conflictId} in '{DatabasePath}' (its items may have been deleted). List open conflicts with `chitin memory conflicts`.");
                }

                var (conflict, open) = found[0];
                if (!open)
                {
                    throw new MemoryStoreException(
                        MemoryStoreErrorKind.ConflictAlreadyResolved,
                        DatabasePath,
                        $"Memory conflict #{conflictId} was already resolved; nothing changed.");
                }

                ApplyResolution(transaction, conflict, resolution, now);
                transaction.Commit();
                Refresh(conflict.Existing.Id);
                Refresh(conflict.Incoming.Id);

                return true;
            },
            cancellationToken);
    }

    private MemorySaveResult Write(PreparedDraft prepared, KnowledgeDecision decision)
    {
        var now = _time.GetUtcNow();
        using var transaction = _repository.Begin();
        var duplicate = decision.Duplicate is null ? null : _repository.Get(decision.Duplicate.Id, transaction);
        if (duplicate is not null && duplicate.Item.IsCurrent(now))
        {
            var result = MergeDuplicate(transaction, duplicate, prepared, decision.DuplicateReason ?? "same fact", now);
            transaction.Commit();
            return new MemorySaveResult(Refresh(result.Id).Item, MemorySaveAction.Duplicate, [], []);
        }

        var id = NewId();
        var validFrom = prepared.Draft.ValidFrom ?? now;
        var replaced = new List<MemoryItem>();
        foreach (var old in decision.Superseded.Concat(decision.Updated.Select(u => u.Existing)))
        {
            // Only what is still current: a forget or another save may have ended it while the judge was asked.
            if (_repository.End(transaction, old.Id, validFrom, id, $"superseded by {id}", now))
            {
                replaced.Add(old);
            }
        }

        var conflicts = decision.Conflicts.Where(c => _repository.Get(c.Existing.Id, transaction)?.Item.IsCurrent(now) == true)
            .Concat(decision.Updated.Where(u => replaced.Exists(r => r.Id == u.Existing.Id)))
            .ToList();
        _repository.Insert(transaction, prepared, id, now, validFrom, replaced.FirstOrDefault()?.Id);
        var conflictIds = conflicts.Select(c => _repository.AddConflict(transaction, c.Existing.Id, id, c.Reason, now)).ToList();
        _repository.AppendHistory(transaction, id, MemoryChangeKind.Created, now, prepared.Text, CreationReason(replaced, conflicts, conflictIds), replaced.FirstOrDefault()?.Id ?? conflicts.FirstOrDefault()?.Existing.Id);
        foreach (var old in replaced)
        {
            _repository.AppendHistory(transaction, old.Id, MemoryChangeKind.Superseded, now, old.Text, $"superseded by {id}", id);
        }

        transaction.Commit();
        var stored = _repository.Get(id, null)!;
        foreach (var old in replaced)
        {
            Refresh(old.Id);
        }

        var action = replaced.Count > 0 ? MemorySaveAction.Superseded : conflicts.Count > 0 ? MemorySaveAction.Conflict : MemorySaveAction.Created;
        return new MemorySaveResult(stored.Item, action, replaced.Select(r => r.Id).ToList(), conflicts.Select(c => c.Existing.Id).ToList());

        static string? CreationReason(List<MemoryItem> replaced, List<KnowledgeConflict> conflicts, List<long> conflictIds)
        {
            var parts = new List<string>();
            if (replaced.Count > 0)
            {
                parts.Add("supersedes " + string.Join(", ", replaced.Select(r => r.Id)));
            }

            parts.AddRange(conflicts.Select((c, i) => $"conflict #{conflictIds[i]} with {c.Existing.Id}: {c.Reason}"));
            return parts.Count == 0 ? null : string.Join("; ", parts);
        }
    }

    private MemoryItem MergeDuplicate(SqliteTransaction transaction, StoredItem existing, PreparedDraft prepared, string reason, DateTimeOffset now)
    {
        var item = existing.Item;
        var merged = PreparedDraft.MergeTags(item.Tags, prepared.Tags);
        if (merged.Count != item.Tags.Count)
        {
            var added = merged.Skip(item.Tags.Count);
            _repository.SetTags(transaction, item.Id, merged, now);
            _repository.AppendHistory(transaction, item.Id, MemoryChangeKind.Edited, now, item.Text, $"saved again ({reason}); tags added: {string.Join(", ", added)}", null);
        }

        if (prepared.Draft.Pinned && !item.Pinned)
        {
            _repository.SetPinned(transaction, item.Id, true, now);
            _repository.AppendHistory(transaction, item.Id, MemoryChangeKind.Pinned, now, item.Text, $"saved again pinned ({reason})", null);
        }

        return item;
    }

    /// <summary>Ends the losing side (if any, and if still current) and records the resolution on both; returns the ended id.</summary>
    private string? ApplyResolution(SqliteTransaction transaction, MemoryConflict conflict, ConflictResolution resolution, DateTimeOffset now)
    {
        var (winner, loser) = resolution switch
        {
            ConflictResolution.KeepIncoming => (conflict.Incoming, conflict.Existing),
            ConflictResolution.KeepExisting => (conflict.Existing, conflict.Incoming),
            _ => (null, null),
        };
        var label = resolution switch
        {
            ConflictResolution.KeepIncoming => "kept the incoming item",
            ConflictResolution.KeepExisting => "kept the existing item",
            _ => "kept both",
        };
        var why = $"conflict #{conflict.Id} resolved: {label}";
        string? ended = null;

        // The newer value replaced the older when the conflict was recorded: keeping the older (or both) restores it.
        var restore = resolution != ConflictResolution.KeepIncoming && conflict.Existing.SupersededBy == conflict.Incoming.Id
            && _repository.Restore(transaction, conflict.Existing.Id, conflict.Incoming.Id, now);
        if (restore)
        {
            _repository.AppendHistory(transaction, conflict.Existing.Id, MemoryChangeKind.Edited, now, conflict.Existing.Text, $"current again ({why})", conflict.Incoming.Id);
        }

        if (winner is not null && loser is not null && _repository.End(transaction, loser.Id, now, winner.Id, $"superseded by {winner.Id} ({why})", now))
        {
            _repository.SetSupersedesIfUnset(transaction, winner.Id, loser.Id);
            _repository.AppendHistory(transaction, loser.Id, MemoryChangeKind.Superseded, now, loser.Text, $"superseded by {winner.Id} ({why})", winner.Id);
            ended = loser.Id;
        }

        _repository.AppendHistory(transaction, conflict.Existing.Id, MemoryChangeKind.ConflictResolved, now, conflict.Existing.Text, why, conflict.Incoming.Id);
        _repository.AppendHistory(transaction, conflict.Incoming.Id, MemoryChangeKind.ConflictResolved, now, conflict.Incoming.Text, why, conflict.Existing.Id);
        _repository.ResolveConflict(transaction, conflict.Id, resolution.ToString(), now);
        return ended;
    }
}
