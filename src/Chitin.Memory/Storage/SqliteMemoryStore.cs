using System.Security.Cryptography;
using Chitin.Memory.Embeddings;
using Chitin.Memory.Knowledge;
using Chitin.Memory.Model;
using Chitin.Memory.Retrieval;
using Chitin.Platform.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;

namespace Chitin.Memory.Storage;

/// <summary>
/// The user's memory in the shared Chitin SQLite file (tables memory_items, memory_history, memory_conflicts,
/// memory_fts), with every current vector held in an in-memory matrix for fast hybrid search.
/// <para>
/// Thread-safe: one connection behind a lock; saves are also serialised with each other so the superseding
/// decision (which may ask the judge) sees the latest state. Every change is one transaction, committed (WAL,
/// synchronous=NORMAL) before the call returns, so a process killed later loses nothing already returned.
/// </para>
/// <para>
/// Vectors record the embedder that made them (provider/model[/dimensions]). When the configured embedder differs,
/// <see cref="OpenAsync"/> re-embeds the stored items in batches, each batch committed, so an interrupted open resumes
/// where it stopped. If the embedder fails (at open or on a save), the items stay stored without a vector — lexical
/// search still finds them — and they are embedded at the next open.
/// </para>
/// </summary>
public sealed class SqliteMemoryStore : IMemoryStore
{
    /// <summary>How many of each retriever's best candidates are fused; more than any sensible limit, few enough to stay fast.</summary>
    public const int CandidatePool = 100;

    public const int MaxSearchLimit = 1_000;

    public const int MaxListLimit = 10_000;

    private const int TextMatchCandidates = 10;
    private const int ReembedBatch = 64;

    private readonly MemoryRepository _repository;
    private readonly SqliteConnection _connection;
    private readonly VectorIndex _index = new();
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly bool _ownsEmbedder;
    private readonly KnowledgeDecider _decider;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _saveGate = new(1, 1);
    private readonly SemaphoreSlim _vectorGate = new(1, 1);
    private volatile bool _vectorsLoaded;
    private bool _disposed;

    private SqliteMemoryStore(string databasePath, SqliteConnection connection, MemoryStoreOptions options)
    {
        DatabasePath = databasePath;
        _connection = connection;
        _repository = new MemoryRepository(connection);
        _ownsEmbedder = options.Embedder is null;
        _embedder = options.Embedder ?? new HashedNgramEmbeddingGenerator();
        EmbedderName = EmbedderIdentity.Of(_embedder);
        _decider = new KnowledgeDecider(options.Judge);
        _time = options.Time ?? TimeProvider.System;
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Which embedder makes the vectors: provider/model[/dimensions].</summary>
    public string EmbedderName { get; }

    /// <summary>Items currently in the vector matrix (0 until the vectors are loaded).</summary>
    public int VectorCount => _index.Count;

    /// <summary>Whether the vectors were loaded (see <see cref="EnsureVectorsAsync"/>).</summary>
    public bool VectorsLoaded => _vectorsLoaded;

    /// <summary>Opens (creating folder, file and tables when missing) without reading any vector: they are loaded at the first vector search.</summary>
    /// <exception cref="MemoryStoreException">The file is not a Chitin database, is damaged, read-only or locked.</exception>
    public static async Task<SqliteMemoryStore> OpenAsync(string databasePath, MemoryStoreOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(options);
        var fullPath = Path.GetFullPath(databasePath);

        // Opening may wait for another process's lock (busy timeout): keep that off the caller's thread.
        var connection = await Task.Run(() => MemorySchema.Open(fullPath), cancellationToken).ConfigureAwait(false);
        var store = new SqliteMemoryStore(fullPath, connection, options);
        return store;
    }

    /// <summary>
    /// Loads the stored vectors into the search matrix and embeds, in committed batches, the items the configured
    /// embedder has not embedded yet. Runs once, at the first vector or hybrid search (or when called); opening the
    /// store and every command that does not search by vector never pays for it.
    /// </summary>
    public async Task EnsureVectorsAsync(CancellationToken cancellationToken)
    {
        if (_vectorsLoaded)
        {
            return;
        }

        await _vectorGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_vectorsLoaded)
            {
                await RunAsync("load the memory vectors", LoadVectors, cancellationToken).ConfigureAwait(false);
                await EmbedMissingAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _vectorGate.Release();
        }
    }

    /// <summary>
    /// Stores many facts in one committed transaction: the same rules as <see cref="SaveAsync"/> for the same text
    /// (a duplicate) and the same subject (replaced), decided with one look-up for the whole batch, and drafts of the
    /// batch see each other. Similar wording without the same subject is not checked (that needs each item's lexical
    /// neighbours, which is what makes single saves slow at scale). Every draft is validated before anything is written.
    /// </summary>
    public async Task<IReadOnlyList<MemorySaveResult>> SaveManyAsync(IReadOnlyList<MemoryDraft> drafts, MemoryViewer writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var prepared = drafts.Select(d => PreparedDraft.From(d, writer)).ToList();
        if (prepared.Count == 0)
        {
            return [];
        }

        await _saveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var vectors = await TryEmbedManyAsync(prepared.Select(p => p.Text).ToList(), cancellationToken).ConfigureAwait(false)
                ?? new float[]?[prepared.Count];
            return await RunAsync(
                "save memory items",
                () =>
                {
                    var outcome = new BatchWriter(_repository, EmbedderName, NewId).Write(prepared, vectors, _time.GetUtcNow());
                    if (_vectorsLoaded)
                    {
                        foreach (var (stored, vector) in outcome.Inserted)
                        {
                            IndexVector(stored, vector);
                        }

                        foreach (var changed in _repository.FetchByNumbers(outcome.Changed))
                        {
                            _index.SetEntry(changed.ItemNo, changed.ToEntry());
                        }
                    }

                    return (IReadOnlyList<MemorySaveResult>)outcome.Results;
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _saveGate.Release();
        }
    }

    public async Task<MemorySaveResult> SaveAsync(MemoryDraft draft, MemoryViewer writer, CancellationToken cancellationToken)
    {
        var prepared = PreparedDraft.From(draft, writer);
        await _saveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var vector = await TryEmbedAsync(prepared.Text, cancellationToken).ConfigureAwait(false);
            var candidates = await RunAsync(
                "read similar memory items",
                () => _repository.Candidates(prepared, FtsQueryBuilder.Terms(prepared.Text), TextMatchCandidates, _time.GetUtcNow()).Select(c => c.Item).ToList(),
                cancellationToken).ConfigureAwait(false);
            var decision = await _decider.DecideAsync(draft, prepared.Normalized, prepared.Subject, candidates, cancellationToken).ConfigureAwait(false);
            return await RunAsync("save a memory item", () => Write(prepared, decision, vector), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _saveGate.Release();
        }
    }

    public async Task<IReadOnlyList<MemoryHit>> SearchAsync(MemorySearchQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(query.Text);
        ArgumentNullException.ThrowIfNull(query.Viewer);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, MaxSearchLimit);
        if (string.IsNullOrWhiteSpace(query.Text))
        {
            return [];
        }

        if (query.Mode != RetrievalMode.Lexical)
        {
            await EnsureVectorsAsync(cancellationToken).ConfigureAwait(false);
        }

        var queryVector = query.Mode == RetrievalMode.Lexical ? null : await EmbedQueryAsync(query, cancellationToken).ConfigureAwait(false);
        var terms = query.Mode == RetrievalMode.Vector ? [] : FtsQueryBuilder.SearchTerms(query.Text);
        var pool = Math.Max(CandidatePool, query.Limit);
        return await RunAsync(
            "search memory",
            () =>
            {
                var filter = new ItemFilter
                {
                    Viewer = query.Viewer,
                    Scopes = query.Scopes,
                    Layers = query.Layers,
                    IncludeHistory = query.IncludeHistory,
                    Now = _time.GetUtcNow(),
                };
                var lexical = terms.Count == 0 ? [] : _repository.Lexical(terms, filter, pool, fillWithRecent: true);
                var vector = queryVector is null ? [] : _index.Search(queryVector, filter, pool);
                var ranked = query.Mode switch
                {
                    RetrievalMode.Lexical => RankFusion.Single(lexical, query.Limit),
                    RetrievalMode.Vector => RankFusion.Single(vector, query.Limit),
                    _ => RankFusion.Hybrid(lexical, vector, filter.Now, query.Limit),
                };
                if (ranked.Count == 0)
                {
                    return (IReadOnlyList<MemoryHit>)[];
                }

                var items = _repository.Fetch(ranked.Select(r => r.ItemNo).ToList(), filter);
                return ranked.Where(r => items.ContainsKey(r.ItemNo)).Select(r => new MemoryHit(items[r.ItemNo].Item, r.Score)).ToList();
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<MemoryItem?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return RunAsync($"read memory item '{id}'", () => _repository.Get(id, null)?.Item, cancellationToken);
    }

    public Task<IReadOnlyList<MemoryItem>> ListAsync(MemoryListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, MaxListLimit);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        return RunAsync(
            "list memory items",
            () =>
            {
                var filter = new ItemFilter
                {
                    Viewer = query.Viewer,
                    Scopes = query.Scopes,
                    Layers = query.Layers,
                    IncludeHistory = query.IncludeHistory,
                    Now = _time.GetUtcNow(),
                };
                return (IReadOnlyList<MemoryItem>)_repository.List(filter, query).Select(i => i.Item).ToList();
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<MemoryHistoryEntry>> GetHistoryAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return RunAsync($"read the history of '{id}'", () => (IReadOnlyList<MemoryHistoryEntry>)_repository.History(id), cancellationToken);
    }

    public async Task<MemoryItem> EditAsync(string id, string newText, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var text = PreparedDraft.ValidText(newText, nameof(newText));
        var vector = await TryEmbedAsync(text, cancellationToken).ConfigureAwait(false);
        return await RunAsync(
            $"edit memory item '{id}'",
            () =>
            {
                var now = _time.GetUtcNow();
                using var transaction = _repository.Begin();
                var stored = _repository.Get(id, transaction) ?? throw MemoryStoreErrors.ItemNotFound(DatabasePath, id);
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
                _repository.SetText(transaction, id, text, MemoryText.NormalizedHash(MemoryText.Normalize(text)), subject, now, vector, EmbedderName);
                _repository.AppendHistory(transaction, id, MemoryChangeKinds.Edited, now, text, Reason(reason, "edited"), null);
                transaction.Commit();
                var updated = _repository.Get(id, null)!;
                IndexVector(updated, vector);
                return updated.Item;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<MemoryItem?> ForgetAsync(string id, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return RunAsync(
            $"forget memory item '{id}'",
            () =>
            {
                var now = _time.GetUtcNow();
                using var transaction = _repository.Begin();
                var stored = _repository.Get(id, transaction);
                if (stored is null || stored.Item.ValidTo is not null)
                {
                    return stored?.Item;
                }

                var why = Reason(reason, "forgotten");
                _repository.End(transaction, id, now, null, why, now);
                _repository.AppendHistory(transaction, id, MemoryChangeKinds.Forgotten, now, stored.Item.Text, why, null);
                transaction.Commit();
                return Refresh(id).Item;
            },
            cancellationToken);
    }

    public Task<MemoryItem> SetPinnedAsync(string id, bool pinned, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return RunAsync(
            $"{(pinned ? "pin" : "unpin")} memory item '{id}'",
            () =>
            {
                var now = _time.GetUtcNow();
                using var transaction = _repository.Begin();
                var stored = _repository.Get(id, transaction) ?? throw MemoryStoreErrors.ItemNotFound(DatabasePath, id);
                if (stored.Item.Pinned == pinned)
                {
                    return stored.Item;
                }

                _repository.SetPinned(transaction, id, pinned, now);
                _repository.AppendHistory(transaction, id, pinned ? MemoryChangeKinds.Pinned : MemoryChangeKinds.Unpinned, now, stored.Item.Text, null, null);
                transaction.Commit();
                return Refresh(id).Item;
            },
            cancellationToken);
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return RunAsync(
            $"delete memory item '{id}'",
            () =>
            {
                var now = _time.GetUtcNow();
                using var transaction = _repository.Begin();
                var stored = _repository.Get(id, transaction);
                if (stored is null)
                {
                    return false;
                }

                _repository.Delete(transaction, id);
                _repository.AppendHistory(transaction, id, MemoryChangeKinds.Deleted, now, "", "deleted by the user; its texts were removed from the history", null);
                transaction.Commit();
                _index.Remove(stored.ItemNo);
                return true;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<MemoryConflict>> ListConflictsAsync(CancellationToken cancellationToken) =>
        RunAsync(
            "list memory conflicts",
            () =>
            {
                // A conflict is moot once either side has ended (forgotten, superseded, expired).
                var now = _time.GetUtcNow();
                return (IReadOnlyList<MemoryConflict>)_repository.Conflicts(null, null)
                    .Select(c => c.Conflict)
                    .Where(c => c.Existing.IsCurrent(now) && c.Incoming.IsCurrent(now))
                    .ToList();
            },
            cancellationToken);

    public Task ResolveConflictAsync(long conflictId, ConflictResolution resolution, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(resolution))
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Unknown conflict resolution.");
        }

        return RunAsync(
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

                var ended = ApplyResolution(transaction, conflict, resolution, now);
                transaction.Commit();
                if (ended is not null)
                {
                    Refresh(ended);
                }

                return true;
            },
            cancellationToken);
    }

    public Task<MemoryStats> GetStatsAsync(CancellationToken cancellationToken) =>
        RunAsync("count memory items", () => _repository.Stats(_time.GetUtcNow(), EmbedderName), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _repository.Dispose();
            MemorySchema.Close(_connection);
            if (_ownsEmbedder)
            {
                _embedder.Dispose();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static string Reason(string? reason, string fallback) => string.IsNullOrWhiteSpace(reason) ? fallback : reason.Trim();

    private static string NewId() => "mem_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private MemorySaveResult Write(PreparedDraft prepared, KnowledgeDecision decision, float[]? vector)
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
        foreach (var old in decision.Superseded)
        {
            // Only what is still current: a forget or another save may have ended it while the judge was asked.
            if (_repository.End(transaction, old.Id, validFrom, id, $"superseded by {id}", now))
            {
                replaced.Add(old);
            }
        }

        var conflicts = decision.Conflicts.Where(c => _repository.Get(c.Existing.Id, transaction)?.Item.IsCurrent(now) == true).ToList();
        var itemNo = _repository.Insert(transaction, prepared, id, now, validFrom, replaced.FirstOrDefault()?.Id, vector, EmbedderName);
        var conflictIds = conflicts.Select(c => _repository.AddConflict(transaction, c.Existing.Id, id, c.Reason, now)).ToList();
        _repository.AppendHistory(transaction, id, MemoryChangeKinds.Created, now, prepared.Text, CreationReason(replaced, conflicts, conflictIds), replaced.FirstOrDefault()?.Id ?? conflicts.FirstOrDefault()?.Existing.Id);
        foreach (var old in replaced)
        {
            _repository.AppendHistory(transaction, old.Id, MemoryChangeKinds.Superseded, now, old.Text, $"superseded by {id}", id);
        }

        transaction.Commit();
        var stored = _repository.Get(id, null)!;
        IndexVector(stored, vector);
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
            _repository.AppendHistory(transaction, item.Id, MemoryChangeKinds.Edited, now, item.Text, $"saved again ({reason}); tags added: {string.Join(", ", added)}", null);
        }

        if (prepared.Draft.Pinned && !item.Pinned)
        {
            _repository.SetPinned(transaction, item.Id, true, now);
            _repository.AppendHistory(transaction, item.Id, MemoryChangeKinds.Pinned, now, item.Text, $"saved again pinned ({reason})", null);
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
        if (winner is not null && loser is not null && _repository.End(transaction, loser.Id, now, winner.Id, $"superseded by {winner.Id} ({why})", now))
        {
            _repository.SetSupersedesIfUnset(transaction, winner.Id, loser.Id);
            _repository.AppendHistory(transaction, loser.Id, MemoryChangeKinds.Superseded, now, loser.Text, $"superseded by {winner.Id} ({why})", winner.Id);
            ended = loser.Id;
        }

        _repository.AppendHistory(transaction, conflict.Existing.Id, MemoryChangeKinds.ConflictResolved, now, conflict.Existing.Text, why, conflict.Incoming.Id);
        _repository.AppendHistory(transaction, conflict.Incoming.Id, MemoryChangeKinds.ConflictResolved, now, conflict.Incoming.Text, why, conflict.Existing.Id);
        _repository.ResolveConflict(transaction, conflict.Id, resolution.ToString(), now);
        return ended;
    }

    /// <summary>Re-reads an item after a commit and updates what the vector index knows about it.</summary>
    private StoredItem Refresh(string id)
    {
        var stored = _repository.Get(id, null)!;
        _index.SetEntry(stored.ItemNo, stored.ToEntry());
        return stored;
    }

    private void IndexVector(StoredItem stored, float[]? vector)
    {
        if (!_vectorsLoaded)
        {
            return;
        }

        if (vector is not null && (_index.Dimensions == 0 || vector.Length == _index.Dimensions))
        {
            _index.Upsert(stored.ItemNo, vector, stored.ToEntry());
        }
        else
        {
            _index.Remove(stored.ItemNo);
        }
    }

    private bool LoadVectors()
    {
        // From here on every committed change also reaches the matrix (the store's lock is held meanwhile).
        _vectorsLoaded = true;
        _repository.ReadVectors(EmbedderName, (itemNo, vector, entry) =>
        {
            if (vector.Length > 0 && (_index.Dimensions == 0 || vector.Length == _index.Dimensions))
            {
                _index.Upsert(itemNo, vector, entry);
            }
        });
        return true;
    }

    /// <summary>Embeds, batch by batch, the items without a vector from the configured embedder; stops quietly if the embedder fails.</summary>
    private async Task EmbedMissingAsync(CancellationToken cancellationToken)
    {
        var skip = new HashSet<long>();
        while (true)
        {
            var batch = await RunAsync(
                "read items to embed",
                () => _repository.WithoutVector(EmbedderName, ReembedBatch + skip.Count).Where(i => !skip.Contains(i.ItemNo)).Take(ReembedBatch).ToList(),
                cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return;
            }

            var vectors = await TryEmbedManyAsync(batch.Select(i => i.Item.Text).ToList(), cancellationToken).ConfigureAwait(false);
            if (vectors is null)
            {
                return;
            }

            await RunAsync(
                "store re-embedded vectors",
                () =>
                {
                    using var transaction = _repository.Begin();
                    for (var i = 0; i < batch.Count; i++)
                    {
                        if (vectors[i] is { } vector)
                        {
                            _repository.SetVector(transaction, batch[i].ItemNo, vector, EmbedderName);
                        }
                        else
                        {
                            skip.Add(batch[i].ItemNo);
                        }
                    }

                    transaction.Commit();
                    for (var i = 0; i < batch.Count; i++)
                    {
                        if (vectors[i] is { } vector)
                        {
                            IndexVector(batch[i], vector);
                        }
                    }

                    return true;
                },
                cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<float[]?> TryEmbedAsync(string text, CancellationToken cancellationToken) =>
        (await TryEmbedManyAsync([text], cancellationToken).ConfigureAwait(false))?[0];

    /// <summary>One vector per text (null for an unusable one), or null when the embedder failed as a whole.</summary>
    private async Task<float[]?[]?> TryEmbedManyAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        try
        {
            var embeddings = await _embedder.GenerateAsync(texts, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (embeddings.Count != texts.Count)
            {
                return null;
            }

            return embeddings.Select(e => Usable(e.Vector) ? e.Vector.ToArray() : null).ToArray();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Nothing is lost: the item is stored without a vector and embedded at the next open.
            return null;
        }
    }

    private async Task<float[]?> EmbedQueryAsync(MemorySearchQuery query, CancellationToken cancellationToken)
    {
        if (_embedder is HashedNgramEmbeddingGenerator hashed)
        {
            return hashed.Embed(query.Text);
        }

        var vector = await TryEmbedAsync(query.Text, cancellationToken).ConfigureAwait(false);
        if (vector is null && query.Mode == RetrievalMode.Vector)
        {
            throw new MemoryStoreException(
                MemoryStoreErrorKind.EmbedderFailed,
                DatabasePath,
                $"Vector search needs the embedder '{EmbedderName}', and it failed to embed the query. Check the embeddings endpoint and key, or search in hybrid or lexical mode.");
        }

        return vector;
    }

    private bool Usable(ReadOnlyMemory<float> vector)
    {
        var span = vector.Span;
        if (span.Length == 0 || (_index.Dimensions != 0 && span.Length != _index.Dimensions))
        {
            return false;
        }

        foreach (var value in span)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// One caller at a time on the shared connection. Microsoft.Data.Sqlite runs synchronously anyway, so the work
    /// runs inline once the lock is taken; only waiting for the lock is asynchronous and cancellable. Once the work
    /// starts it completes or rolls back as a whole.
    /// </summary>
    private async Task<T> RunAsync<T>(string action, Func<T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return work();
        }
        catch (SqliteException ex)
        {
            throw DatabaseErrors.From(ex, DatabasePath, action);
        }
        finally
        {
            _gate.Release();
        }
    }
}
