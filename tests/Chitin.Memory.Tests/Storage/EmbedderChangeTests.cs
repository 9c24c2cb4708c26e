using Chitin.Memory.Embeddings;
using Chitin.Memory.Model;
using Chitin.Memory.Storage;
using Microsoft.Extensions.AI;
using static Chitin.Memory.Tests.Storage.MemoryStoreFolder;

namespace Chitin.Memory.Tests.Storage;

public sealed class EmbedderChangeTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Opening_with_another_embedder_re_embeds_every_item_and_vector_search_keeps_working()
    {
        await using var folder = new MemoryStoreFolder();
        await using (var wide = await SqliteMemoryStore.OpenAsync(folder.DatabasePath, new MemoryStoreOptions { Time = folder.Clock }, None))
        {
            for (var i = 0; i < 150; i++)
            {
                await wide.SaveAsync(Draft($"Server {i} hosts the service number {i * 11}"), Writer, None);
            }

            await wide.SaveAsync(Draft("The user's favourite fruit is mango"), Writer, None);
            await wide.EnsureVectorsAsync(None);
            Assert.Equal(151, wide.VectorCount);
        }

        using var narrow = new HashedNgramEmbeddingGenerator(64);
        var reopened = await folder.OpenAsync(new MemoryStoreOptions { Embedder = narrow, Time = folder.Clock });
        await reopened.EnsureVectorsAsync(None);

        Assert.Equal(151, reopened.VectorCount);
        Assert.EndsWith("/64", reopened.EmbedderName, StringComparison.Ordinal);
        var hit = (await reopened.SearchAsync(new MemorySearchQuery { Text = "mangos", Viewer = Writer, Mode = RetrievalMode.Vector }, None))[0];
        Assert.Equal("The user's favourite fruit is mango", hit.Item.Text);
    }

    [Fact]
    public async Task A_failing_embedder_loses_nothing_and_the_next_open_embeds_what_is_missing()
    {
        await using var folder = new MemoryStoreFolder();
        using var broken = new FailingEmbedder();
        string id;
        await using (var store = await SqliteMemoryStore.OpenAsync(folder.DatabasePath, new MemoryStoreOptions { Embedder = broken, Time = folder.Clock }, None))
        {
            var saved = await store.SaveAsync(Draft("The user's bike is a green Brompton"), Writer, None);
            id = saved.Item.Id;
            await store.EnsureVectorsAsync(None);

            Assert.Equal(0, store.VectorCount);
            Assert.Equal(id, Assert.Single(await store.SearchAsync(new MemorySearchQuery { Text = "Brompton bike", Viewer = Writer }, None)).Item.Id);
            var error = await Assert.ThrowsAsync<MemoryStoreException>(() => store.SearchAsync(new MemorySearchQuery { Text = "bike", Viewer = Writer, Mode = RetrievalMode.Vector }, None));
            Assert.Equal(MemoryStoreErrorKind.EmbedderFailed, error.Kind);
        }

        var healed = await folder.OpenAsync();
        await healed.EnsureVectorsAsync(None);

        Assert.Equal(1, healed.VectorCount);
        Assert.Equal(id, Assert.Single(await healed.SearchAsync(new MemorySearchQuery { Text = "bike", Viewer = Writer, Mode = RetrievalMode.Vector }, None)).Item.Id);
    }

    private sealed class FailingEmbedder : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new HttpRequestException("connection refused (embeddings endpoint down)");

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("down-provider", null, "down-model") : null;

        public void Dispose()
        {
        }
    }
}
