namespace Chitin.Cli.Configuration;

/// <summary>
/// The "memory" config section. Vectors come from <see cref="EmbeddingModel"/> at an OpenAI-compatible /v1/embeddings
/// endpoint when one is named, otherwise from the bundled offline model (all-MiniLM-L6-v2 on ONNX Runtime, semantic),
/// or, where that model cannot be found, the hashed n-gram embedder (lexical, not semantic).
/// </summary>
/// <param name="Enabled">Memory tools, digest and capture on or off.</param>
/// <param name="Capture">Extract durable facts with one bounded model call before compaction and at the end of a run.</param>
/// <param name="DigestTokens">Cap of the memory digest in the system prompt; 0 leaves the digest out.</param>
/// <param name="EmbeddingModel">Embedding model id; null uses the offline embedder.</param>
/// <param name="EmbeddingBaseUrl">Endpoint of the embedding model; null uses the provider's base URL.</param>
/// <param name="EmbeddingApiKeyEnv">Environment variable holding the embedding endpoint's key; null uses the provider's key.</param>
public sealed record MemorySettings(bool Enabled, bool Capture, int DigestTokens, string? EmbeddingModel, string? EmbeddingBaseUrl, string? EmbeddingApiKeyEnv)
{
    public const int MaxDigestTokens = 4_000;

    public static MemorySettings Default { get; } = new(Enabled: true, Capture: true, DigestTokens: 500, EmbeddingModel: null, EmbeddingBaseUrl: null, EmbeddingApiKeyEnv: null);
}
