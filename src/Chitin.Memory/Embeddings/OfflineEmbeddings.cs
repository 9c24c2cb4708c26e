namespace Chitin.Memory.Embeddings;

/// <summary>The embedder used when no embedding endpoint is configured: the bundled semantic model, else the hashed n-grams.</summary>
public static class OfflineEmbeddings
{
    /// <summary>
    /// <see cref="MiniLmEmbeddingGenerator"/> when its model and ONNX Runtime are installed (nothing is loaded yet),
    /// otherwise <see cref="HashedNgramEmbeddingGenerator"/>.
    /// </summary>
    public static IEmbeddingGenerator<string, Embedding<float>> Create() =>
        MiniLmEmbeddingGenerator.IsInstalled() ? new MiniLmEmbeddingGenerator() : new HashedNgramEmbeddingGenerator();
}
