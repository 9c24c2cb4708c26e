using System.Collections.Concurrent;
using Chitin.Memory.Embeddings;
using Chitin.Memory.Model;
using Chitin.Memory.Retrieval;
using Chitin.Memory.Storage;
using Chitin.Memory.Tests.Storage;
using Microsoft.Extensions.AI;
using static Chitin.Memory.Tests.Storage.MemoryStoreFolder;

namespace Chitin.Memory.Tests.Retrieval;

/// <summary>
/// A hybrid search corrects a misspelt word for its vector half too: the query is embedded with the word as an item
/// writes it, so a semantic embedder (which places a misspelt name far from the name) sees what the user meant.
/// </summary>
public sealed class CorrectedQueryEmbeddingTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_hybrid_search_embeds_the_query_with_each_misspelt_word_as_an_item_writes_it()
    {
        await using var folder = new MemoryStoreFolder();
        var (store, embedder) = await OpenWithFactsAsync(folder);

        var hits = await store.SearchAsync(new MemorySearchQuery { Text = "Rosa Catdoso's favourite psatime?", Viewer = Writer, Limit = 3 }, None);

        // "pastime" as written, not the index's Porter stem "pastim"; the rest of the query as typed.
        Assert.Contains("Rosa cardoso's favourite pastime?", embedder.Texts);
        Assert.Equal("Ask Rosa Cardoso about bouldering; it is her favourite pastime.", hits[0].Item.Text);
    }

    [Fact]
    public async Task A_query_spelt_right_is_embedded_once_as_typed()
    {
        await using var folder = new MemoryStoreFolder();
        var (store, embedder) = await OpenWithFactsAsync(folder);

        await store.SearchAsync(new MemorySearchQuery { Text = "Rosa Cardoso favourite pastime", Viewer = Writer, Limit = 3 }, None);

        Assert.Equal(["Rosa Cardoso favourite pastime"], embedder.Texts);
    }

    [Fact]
    public async Task Vector_mode_embeds_the_query_as_typed_so_it_measures_the_embedder_alone()
    {
        await using var folder = new MemoryStoreFolder();
        var (store, embedder) = await OpenWithFactsAsync(folder);

        await store.SearchAsync(new MemorySearchQuery { Text = "Rosa Catdoso favourite psatime", Viewer = Writer, Mode = RetrievalMode.Vector, Limit = 3 }, None);

        Assert.Equal(["Rosa Catdoso favourite psatime"], embedder.Texts);
    }

    [Fact]
    public async Task A_first_person_query_is_embedded_speaking_of_the_user_as_stored_facts_do()
    {
        await using var folder = new MemoryStoreFolder();
        var (store, embedder) = await OpenWithFactsAsync(folder);

        await store.SearchAsync(new MemorySearchQuery { Text = "When does my passport expire?", Viewer = Writer, Limit = 3 }, None);

        Assert.Equal(["When does the user's passport expire?"], embedder.Texts);
    }

    [Theory]
    [InlineData("What am I called?", "What am the user called?")]
    [InlineData("Remind me: is this laptop mine?", "Remind the user: is this laptop the user's?")]
    [InlineData("MY editor, by myself", "the user's editor, by the user")]
    [InlineData("Immy and Mike met Ian in Miami", "Immy and Mike met Ian in Miami")]
    public void First_person_words_become_the_user_and_nothing_else_changes(string typed, string expected)
    {
        Assert.Equal(expected, FirstPerson.AsUser(typed));
    }

    [Theory]
    [InlineData("Rosa Catdoso?", "Rosa cardoso?")]
    [InlineData("  catdoso,catdoso  ", "  cardoso,cardoso  ")]
    [InlineData("Where is Rosa", "Where is Rosa")]
    public void Only_the_misspelt_words_change(string typed, string expected)
    {
        Assert.Equal(expected, SpellingCorrection.Apply(typed, new Dictionary<string, string> { ["catdoso"] = "cardoso" }));
    }

    private static async Task<(SqliteMemoryStore Store, RecordingEmbedder Embedder)> OpenWithFactsAsync(MemoryStoreFolder folder)
    {
        var embedder = new RecordingEmbedder();
        var store = await folder.OpenAsync(new MemoryStoreOptions { Time = folder.Clock, BackgroundIndexing = false, Embedder = embedder });
        string[] surnames = ["Mensah", "Ekström", "Santos", "Alvarez", "Reyes", "Okafor", "Lindqvist", "Moreau"];
        var drafts = surnames.Select(s => Draft($"Rosa {s} has a favourite pastime: climbing.")).ToList();
        drafts.Add(Draft("Ask Rosa Cardoso about bouldering; it is her favourite pastime."));
        await store.SaveManyAsync(drafts, Writer, None);
        await store.EnsureVectorsAsync(None);
        embedder.Texts.Clear();
        return (store, embedder);
    }

    /// <summary>The hashed n-gram embedder, recording every text it is asked to embed.</summary>
    private sealed class RecordingEmbedder : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly HashedNgramEmbeddingGenerator _inner = new();

        public ConcurrentQueue<string> Texts { get; } = new();

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToList();
            texts.ForEach(Texts.Enqueue);
            return _inner.GenerateAsync(texts, options, cancellationToken);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("recording", null, "hashed") : null;

        public void Dispose() => _inner.Dispose();
    }
}
