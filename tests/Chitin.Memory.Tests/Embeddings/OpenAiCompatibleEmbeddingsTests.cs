using System.Numerics.Tensors;
using System.Text.Json;
using Chitin.Memory.Embeddings;
using Chitin.Memory.Model;
using Chitin.Memory.Storage;
using Chitin.Memory.Tests.Storage;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Microsoft.Extensions.AI;
using static Chitin.Memory.Tests.Storage.MemoryStoreFolder;

namespace Chitin.Memory.Tests.Embeddings;

public sealed class OpenAiCompatibleEmbeddingsTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Embeds_through_the_openai_wire_format_with_the_key_and_model()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps());
        using var generator = OpenAiCompatibleEmbeddings.Create(new Uri(server.BaseUrl + "/v1"), "sk-test", "embed-small");

        var embeddings = await generator.GenerateAsync(["The user's editor is Helix", "Helix editor", "quarterly invoices"]);

        Assert.Equal(3, embeddings.Count);
        Assert.True(TensorPrimitives.CosineSimilarity(embeddings[0].Vector.Span, embeddings[1].Vector.Span)
                    > TensorPrimitives.CosineSimilarity(embeddings[0].Vector.Span, embeddings[2].Vector.Span));
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/embeddings", request.Path);
        Assert.Equal("Bearer sk-test", request.Headers["Authorization"]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("embed-small", body.RootElement.GetProperty("model").GetString());
        Assert.Equal("embed-small", generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
    }

    [Fact]
    public async Task A_store_searches_with_vectors_from_the_endpoint_and_survives_reopening()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps());
        await using var folder = new MemoryStoreFolder();
        using var generator = OpenAiCompatibleEmbeddings.Create(new Uri(server.BaseUrl + "/v1/"), null, "embed-small");
        var store = await folder.OpenAsync(new MemoryStoreOptions { Embedder = generator, Time = folder.Clock });
        await store.SaveAsync(Draft("The user's editor is Helix"), Writer, None);
        await store.SaveAsync(Draft("Invoices are sent monthly"), Writer, None);

        var hits = await store.SearchAsync(new MemorySearchQuery { Text = "which editor", Viewer = Writer, Mode = RetrievalMode.Vector }, None);

        Assert.Equal("The user's editor is Helix", hits[0].Item.Text);
        Assert.Contains("embed-small", store.EmbedderName, StringComparison.Ordinal);
        Assert.Equal(2, store.VectorCount);
        var embeddingCalls = server.Requests.Count;

        await store.DisposeAsync();
        var reopened = await folder.OpenAsync(new MemoryStoreOptions { Embedder = generator, Time = folder.Clock });
        await reopened.EnsureVectorsAsync(None);

        Assert.Equal(2, reopened.VectorCount);
        Assert.Equal(embeddingCalls, server.Requests.Count);
    }

    [Theory]
    [InlineData("ftp://example.test/v1")]
    [InlineData("/relative/v1")]
    public void Bad_base_urls_are_refused_clearly(string url)
    {
        var error = Assert.Throws<ArgumentException>(() => OpenAiCompatibleEmbeddings.Create(new Uri(url, UriKind.RelativeOrAbsolute), null, "m"));
        Assert.Contains("http", error.Message, StringComparison.Ordinal);
    }
}
