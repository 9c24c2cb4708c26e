namespace Chitin.Memory.Embeddings;

/// <summary>
/// The name stored next to every vector: provider and model (and dimension when the generator announces one).
/// Vectors are only comparable when made by the same identity; the store re-embeds the others.
/// The endpoint URL is left out on purpose: the same model behind another host or port makes the same vectors.
/// </summary>
internal static class EmbedderIdentity
{
    public static string Of(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        var provider = metadata?.ProviderName ?? generator.GetType().Name;
        var model = metadata?.DefaultModelId ?? "default";
        return metadata?.DefaultModelDimensions is { } dimensions ? $"{provider}/{model}/{dimensions}" : $"{provider}/{model}";
    }
}
