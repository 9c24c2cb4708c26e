namespace Chitin.Memory.Storage;/// <summary>
/// The vectors: loaded at the first vector search, and made by a background indexer that embeds, in committed
/// batches, the items without a vector from the configured embedder, so a save or an import never waits for the model.
/// </summary>
public sealed partial class SqliteMemoryStore
{
    private const int IndexBatch = 64;

    /// <summary>A search embeds up to this many waiting items itself (a few recent saves); more are left to the indexer.</summary>
    private const int InlineEmbedLimit = 64;

    private readonly SemaphoreSlim _embedGate = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _indexerLock = new();
    private Task _indexer = Task.CompletedTask;
    private bool _indexerRunning;
    private bool _indexRequested;
    private volatile bool _embedderFailed;

    // Every item up to this row number has been looked at by the indexer in this process (embedded, or unusable).
    private long _checkedThrough;

    /// <summary>
    /// Loads the stored vectors into the search matrix and embeds, in committed batches, every item the configured
    /// embedder has not embedded yet, waiting for it (what the background indexer would do). Searches load the
    /// vectors at their first use and do not wait for the indexer; this is for callers that want every vector now.
    /// </summary>
    public async Task EnsureVectorsAsync(CancellationToken cancellationToken)
    {
        await LoadVectorsAsync(cancellationToken).ConfigureAwait(false);
        await EmbedPendingAsync(int.MaxValue, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads the stored vectors once (first vector or hybrid search); opening the store never reads them.</summary>
    private async Task LoadVectorsAsync(CancellationToken cancellationToken)
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
                await _gate.RunAsync("load the memory vectors", LoadVectors, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _vectorGate.Release();
        }
    }

    /// <summary>Before a vector search: a few waiting items are embedded inline, a backlog goes to the background indexer.</summary>
    private async Task PrepareVectorSearchAsync(CancellationToken cancellationToken)
    {
        await LoadVectorsAsync(cancellationToken).ConfigureAwait(false);
        if (!await EmbedPendingAsync(InlineEmbedLimit, cancellationToken).ConfigureAwait(false))
        {
            RequestIndexing();
        }
    }

    /// <summary>Wakes the background indexer (if enabled): it embeds what is waiting and stops when nothing is.</summary>
    private void RequestIndexing()
    {
        if (!_backgroundIndexing || _embedderFailed || _lifetime.IsCancellationRequested)
        {
            return;
        }

        lock (_indexerLock)
        {
            _indexRequested = true;
            if (!_indexerRunning)
            {
                _indexerRunning = true;
                _indexer = Task.Run(() => IndexInBackgroundAsync(_lifetime.Token));
            }
        }
    }

    private async Task IndexInBackgroundAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                lock (_indexerLock)
                {
                    if (!_indexRequested || _embedderFailed)
                    {
                        _indexerRunning = false;
                        return;
                    }

                    _indexRequested = false;
                }

                await EmbedPendingAsync(int.MaxValue, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or MemoryStoreException)
        {
            // Closing, or the database failed: what was committed stays; the rest waits for the next search or open.
            lock (_indexerLock)
            {
                _indexerRunning = false;
            }
        }
    }

    /// <summary>Stops the background indexer and waits for its batch to commit or roll back.</summary>
    private async Task StopIndexerAsync()
    {
        await _lifetime.CancelAsync().ConfigureAwait(false);
        Task running;
        lock (_indexerLock)
        {
            running = _indexer;
        }

        await running.ConfigureAwait(false);
    }

    /// <summary>
    /// Embeds up to about <paramref name="maxItems"/> waiting items, batch by batch, each batch committed; true when
    /// nothing is left waiting. Stops (false) when the embedder fails: the items stay stored, lexical search finds them,
    /// and the next open tries again.
    /// </summary>
    private async Task<bool> EmbedPendingAsync(int maxItems, CancellationToken cancellationToken)
    {
        var done = 0;
        while (!_embedderFailed)
        {
            await _embedGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var batch = await _gate.RunAsync("read items to embed", NextToEmbed, cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    return true;
                }

                if (done >= maxItems)
                {
                    return false;
                }

                var vectors = await TryEmbedManyAsync(batch.Select(i => i.Item.Text).ToList(), cancellationToken).ConfigureAwait(false);
                if (vectors is null)
                {
                    _embedderFailed = true;
                    return false;
                }

                await _gate.RunAsync("store vectors", () => StoreVectors(batch, vectors), cancellationToken).ConfigureAwait(false);
                done += batch.Count;
            }
            finally
            {
                _embedGate.Release();
            }
        }

        return false;
    }

    /// <summary>The next waiting items after the cursor; when there are none, the cursor moves to the end, so the next search does not look again.</summary>
    /// <remarks>
    /// The end is read before the waiting items: another process may commit new rows between the two reads, and those
    /// are above the end read first, so the cursor never passes them unseen.
    /// </remarks>
    private List<StoredItem> NextToEmbed()
    {
        var last = _repository.LastItemNo();
        var batch = _repository.WithoutVector(EmbedderName, _checkedThrough, IndexBatch);
        if (batch.Count == 0)
        {
            _checkedThrough = Math.Max(_checkedThrough, last);
        }

        return batch;
    }

    /// <summary>
    /// An item at or below the cursor now needs a vector again: an edit whose embedding failed, or a deleted last row
    /// whose number SQLite gives to the next insert. The cursor moves back so the indexer looks at it.
    /// </summary>
    private void RewindIndexer(long itemNo) => _checkedThrough = Math.Min(_checkedThrough, itemNo - 1);

    private bool StoreVectors(List<StoredItem> batch, QuantizedVector?[] vectors)
    {
        using (var transaction = _repository.Begin())
        {
            for (var i = 0; i < batch.Count; i++)
            {
                if (vectors[i] is { } vector)
                {
                    _repository.SetVector(transaction, batch[i].ItemNo, vector, EmbedderName);
                }
            }

            transaction.Commit();
        }

        _checkedThrough = Math.Max(_checkedThrough, batch[^1].ItemNo);
        for (var i = 0; i < batch.Count; i++)
        {
            IndexVector(batch[i], vectors[i]);
        }

        return true;
    }

    /// <summary>Re-reads an item after a commit and updates what the vector index knows about it.</summary>
    private StoredItem Refresh(string id)
    {
        var stored = _repository.Get(id, null)!;
        _index.SetEntry(stored.ItemNo, stored.ToEntry());
        return stored;
    }

    private void IndexVector(StoredItem stored, QuantizedVector? vector)
    {
        if (!_vectorsLoaded)
        {
            return;
        }

        if (vector is { } v && (_index.Dimensions == 0 || v.Values.Length == _index.Dimensions))
        {
            _index.Upsert(stored.ItemNo, v, stored.ToEntry());
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
            if (_index.Dimensions == 0 || vector.Values.Length == _index.Dimensions)
            {
                _index.Upsert(itemNo, vector, entry);
            }
        });
        return true;
    }

    private async Task<QuantizedVector?> TryEmbedAsync(string text, CancellationToken cancellationToken) =>
        (await TryEmbedManyAsync([text], cancellationToken).ConfigureAwait(false))?[0];

    /// <summary>One vector per text (null for an unusable one), or null when the embedder failed as a whole.</summary>
    private async Task<QuantizedVector?[]?> TryEmbedManyAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        try
        {
            var embeddings = await _embedder.GenerateAsync(texts, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (embeddings.Count != texts.Count)
            {
                return null;
            }

            return embeddings.Select(e => Usable(e.Vector) ? QuantizedVector.From(e.Vector.Span) : (QuantizedVector?)null)
                .Select(v => v is { Scale: > 0 } ? v : null)
                .ToArray();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Nothing is lost: the item is stored without a vector and embedded at the next open.
            return null;
        }
    }

    /// <summary>
    /// The query vector of a hybrid search whose misspelt words were corrected: the sum of the corrected text's
    /// embedding and the typed text's (started before the words were counted). With MiniLM the corrected text alone
    /// scored the same overall but cost paraphrases at 5,000 items (0.750 vs 0.775), since a word no item holds may be
    /// a real word whose "correction" means something else (docs/benchmarks.md, sixth round).
    /// </summary>
    private async Task<float[]?> EmbedCorrectedAsync(Task<float[]?> asTyped, string corrected, CancellationToken cancellationToken)
    {
        var vector = await EmbedQueryAsync(corrected, RetrievalMode.Hybrid, cancellationToken).ConfigureAwait(false);
        var typed = await asTyped.ConfigureAwait(false);
        if (vector is null || typed is null || vector.Length != typed.Length)
        {
            return vector ?? typed;
        }

        // Both, summed (the search normalises): a "misspelt" word may be a real word no item holds, and its correction
        // another word; half the vector keeps what was typed.
        System.Numerics.Tensors.TensorPrimitives.Add(vector, typed, vector);
        return vector;
    }

    private async Task<float[]?> EmbedQueryAsync(string text, RetrievalMode mode, CancellationToken cancellationToken)
    {
        if (_embedder is HashedNgramEmbeddingGenerator hashed)
        {
            return hashed.Embed(text);
        }

        float[]? vector = null;
        try
        {
            var embeddings = await _embedder.GenerateAsync([text], cancellationToken: cancellationToken).ConfigureAwait(false);
            vector = embeddings.Count == 1 && Usable(embeddings[0].Vector) ? embeddings[0].Vector.ToArray() : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            vector = null;
        }

        if (vector is null && mode == RetrievalMode.Vector)
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
}
