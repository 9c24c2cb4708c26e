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
public sealed partial class SqliteMemoryStore : IMemoryStore
{
    /// <summary>How many of each retriever's best candidates are fused; more than any sensible limit, few enough to stay fast.</summary>
    public const int CandidatePool = 100;

    public const int MaxSearchLimit = 1_000;

    public const int MaxListLimit = 10_000;

    private const int TextMatchCandidates = 10;

    private readonly MemoryRepository _repository;
    private readonly SqliteConnection _connection;
    private readonly VectorIndex _index = new();
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly bool _ownsEmbedder;
    private readonly KnowledgeDecider _decider;
    private readonly TimeProvider _time;
    private readonly bool _backgroundIndexing;
    private readonly ConnectionGate _gate;
    private readonly SemaphoreSlim _saveGate = new(1, 1);
    private readonly SemaphoreSlim _vectorGate = new(1, 1);
    private volatile bool _vectorsLoaded;

    private SqliteMemoryStore(string databasePath, SqliteConnection connection, MemoryStoreOptions options)
    {
        DatabasePath = databasePath;
        _connection = connection;
        _repository = new MemoryRepository(connection);
        _ownsEmbedder = options.Embedder is null || options.DisposeEmbedder;
        _embedder = options.Embedder ?? new HashedNgramEmbeddingGenerator();
        EmbedderName = EmbedderIdentity.Of(_embedder);
        _decider = new KnowledgeDecider(options.Judge);
        _time = options.Time ?? TimeProvider.System;
        _backgroundIndexing = options.BackgroundIndexing;
        _gate = new ConnectionGate(databasePath, this);
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
            var results = await _gate.RunAsync(
                "save memory items",
                () =>
                {
                    var outcome = new BatchWriter(_repository, NewId).Write(prepared, _time.GetUtcNow());
                    if (_vectorsLoaded && outcome.Changed.Count > 0)
                    {
                        foreach (var changed in _repository.FetchByNumbers(outcome.Changed))
                        {
                            _index.SetEntry(changed.ItemNo, changed.ToEntry());
                        }
                    }

                    return (IReadOnlyList<MemorySaveResult>)outcome.Results;
                },
                cancellationToken).ConfigureAwait(false);
            RequestIndexing();
            return results;
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
            var candidates = await _gate.RunAsync(
                "read similar memory items",
                () => _repository.Candidates(prepared, FtsQueryBuilder.Terms(prepared.Text), TextMatchCandidates, _time.GetUtcNow()).Select(c => c.Item).ToList(),
                cancellationToken).ConfigureAwait(false);
            var decision = await _decider.DecideAsync(draft, prepared.Normalized, prepared.Subject, candidates, cancellationToken).ConfigureAwait(false);
            var result = await _gate.RunAsync("save a memory item", () => Write(prepared, decision), cancellationToken).ConfigureAwait(false);
            RequestIndexing();
            return result;
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

        // Hybrid search covers items still waiting for a vector through its lexical half; vector-only search has no
        // such half, so it waits for every vector.
        if (query.Mode == RetrievalMode.Vector)
        {
            await EnsureVectorsAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (query.Mode == RetrievalMode.Hybrid)
        {
            await PrepareVectorSearchAsync(cancellationToken).ConfigureAwait(false);
        }

        // The two halves of a hybrid search run side by side: the query is embedded and the vectors searched on another
        // thread while this one ranks the full-text matches (both under the store's lock, which no one else can take).
        var meant = query.Mode == RetrievalMode.Lexical ? query.Text : FirstPerson.AsUser(query.Text);
        var embedding = query.Mode == RetrievalMode.Lexical ? null : Task.Run(() => EmbedQueryAsync(meant, query.Mode, cancellationToken), cancellationToken);
        var terms = query.Mode == RetrievalMode.Vector ? [] : FtsQueryBuilder.SearchTerms(query.Text);
        var pool = Math.Max(CandidatePool, query.Limit);
        return await _gate.RunAsync(
            "search memory",
            async () =>
            {
                var filter = ItemFilter.For(query.Viewer, query.Scopes, query.Layers, query.IncludeHistory, _time.GetUtcNow());
                // The words are counted first: a misspelt one is corrected for the vector half too (MiniLM places a
                // misspelt name far from the name), so the query is embedded again as the user meant it.
                var counted = terms.Count == 0 ? null : _repository.CountTerms(terms, correctSpelling: true);
                var queryVector = embedding is not null && query.Mode == RetrievalMode.Hybrid && counted is { Corrections.Count: > 0 }
                    ? EmbedCorrectedAsync(embedding, SpellingCorrection.Apply(meant, counted.Corrections), cancellationToken)
                    : embedding;
                var vectorSearch = queryVector is null ? null : Task.Run(async () => await queryVector.ConfigureAwait(false) is { } v ? _index.Search(v, filter, pool) : [], cancellationToken);
                List<RankedCandidate> lexical;
                try
                {
                    lexical = counted is null ? [] : _repository.Lexical(counted, filter, pool, fillWithRecent: true);
                }
                catch when (vectorSearch is not null)
                {
                    // The index must not be read after the lock is released.
                    await ((Task)vectorSearch).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    throw;
                }

                var vector = vectorSearch is null ? [] : await vectorSearch.ConfigureAwait(false);
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
        return _gate.RunAsync($"read memory item '{id}'", () => _repository.Get(id, null)?.Item, cancellationToken);
    }

    public Task<IReadOnlyList<MemoryItem>> ListAsync(MemoryListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, MaxListLimit);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        return _gate.RunAsync(
            "list memory items",
            () =>
            {
                var filter = ItemFilter.For(query.Viewer, query.Scopes, query.Layers, query.IncludeHistory, _time.GetUtcNow());
                return (IReadOnlyList<MemoryItem>)_repository.List(filter, query).Select(i => i.Item).ToList();
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<MemoryHistoryEntry>> GetHistoryAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _gate.RunAsync($"read the history of '{id}'", () => (IReadOnlyList<MemoryHistoryEntry>)_repository.History(id), cancellationToken);
    }

    public Task<MemoryStats> GetStatsAsync(CancellationToken cancellationToken) =>
        _gate.RunAsync("count memory items", () => _repository.Stats(_time.GetUtcNow(), EmbedderName), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await StopIndexerAsync().ConfigureAwait(false);
        await _gate.CloseAsync(() =>
        {
            _repository.Dispose();
            MemorySchema.Close(_connection);
            if (_ownsEmbedder)
            {
                _embedder.Dispose();
            }
        }).ConfigureAwait(false);
    }

    private static string Reason(string? reason, string fallback) => string.IsNullOrWhiteSpace(reason) ? fallback : reason.Trim();

    private static string NewId() => "mem_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
