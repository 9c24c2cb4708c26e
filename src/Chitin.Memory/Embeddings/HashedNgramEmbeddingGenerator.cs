namespace Chitin.Memory.Embeddings;

/// <summary>
/// The offline default embedder: feature hashing of words and of their character 3- to 5-grams into a fixed number
/// of dimensions, L2-normalised. It needs no model and no download, and is deterministic across processes.
/// It is LEXICAL, not semantic: texts are close when they share words or word pieces ("editor"/"editors",
/// "PostgreSQL"/"postgres"), not when they mean the same thing in other words ("car"/"automobile").
/// </summary>
public sealed class HashedNgramEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>256 floats = 1 KiB per item: 100,000 items take about 100 MB in the search matrix.</summary>
    public const int DefaultDimensions = 256;

    public const string Provider = "chitin-hashed-ngrams (lexical, not semantic)";

    private const float WordWeight = 1.0f;
    private const float BigramWeight = 0.5f;
    private const float NgramWeight = 0.25f;
    private const int MinNgram = 3;
    private const int MaxNgram = 5;

    private readonly EmbeddingGeneratorMetadata _metadata;

    public HashedNgramEmbeddingGenerator(int dimensions = DefaultDimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions, 4096);
        Dimensions = dimensions;
        ModelId = $"hashed-words-and-char-3-5-grams-v1-{dimensions}";
        _metadata = new EmbeddingGeneratorMetadata(Provider, providerUri: null, ModelId, dimensions);
    }

    public int Dimensions { get; }

    /// <summary>Names the algorithm, its version and the dimension; it changes whenever vectors would.</summary>
    public string ModelId { get; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is { } requested && requested != Dimensions)
        {
            throw new ArgumentException(
                $"This hashed n-gram embedder makes {Dimensions}-dimensional vectors; {requested} were requested. Create it with that dimension instead.",
                nameof(options));
        }

        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            embeddings.Add(new Embedding<float>(Embed(value)) { ModelId = ModelId });
        }

        return Task.FromResult(embeddings);
    }

    /// <summary>The vector of one text, synchronously. Empty or wordless text gives the zero vector.</summary>
    public float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var vector = new float[Dimensions];
        var words = WordTokenizer.ContentWords(text);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            Add(vector, FeatureHash.Of('w', word), WordWeight);
            if (i > 0)
            {
                Add(vector, FeatureHash.Of('b', words[i - 1], word), BigramWeight);
            }

            AddNgrams(vector, word);
        }

        var norm = TensorPrimitives.Norm<float>(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // Nothing to release: the generator holds no resources.
    }

    private void AddNgrams(float[] vector, string word)
    {
        var padded = string.Concat("<", word, ">");
        for (var n = MinNgram; n <= MaxNgram; n++)
        {
            for (var start = 0; start + n <= padded.Length; start++)
            {
                Add(vector, FeatureHash.Of('c', padded.AsSpan(start, n)), NgramWeight);
            }
        }
    }

    private void Add(float[] vector, ulong hash, float weight)
    {
        // The top bit picks the sign so colliding features cancel out on average instead of piling up.
        var index = (int)(hash % (ulong)vector.Length);
        vector[index] += (hash >> 63) == 0 ? weight : -weight;
    }
}
