namespace Chitin.Memory.Storage;

/// <summary>How a <see cref="SqliteMemoryStore"/> embeds, judges and tells time.</summary>
public sealed record MemoryStoreOptions
{
    /// <summary>Makes the vectors; null uses the offline <see cref="Embeddings.HashedNgramEmbeddingGenerator"/>. The store does not dispose it.</summary>
    public IEmbeddingGenerator<string, Embedding<float>>? Embedder { get; init; }

    /// <summary>Whether the store disposes <see cref="Embedder"/> when it is disposed.</summary>
    public bool DisposeEmbedder { get; init; }

    /// <summary>Decides ambiguous saves; null records a conflict for the user instead.</summary>
    public IMemoryJudge? Judge { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Whether saved items are embedded by a background task (default). Off, they are embedded only by a search (a
    /// few at a time) or <see cref="SqliteMemoryStore.EnsureVectorsAsync"/>; short-lived processes that exit right
    /// after a save can turn it off.
    /// </summary>
    public bool BackgroundIndexing { get; init; } = true;
}
