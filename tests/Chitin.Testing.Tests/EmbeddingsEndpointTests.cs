using System.ClientModel;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Chitin.Testing.Tests.Support;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Chitin.Testing.Tests;

public sealed class EmbeddingsEndpointTests
{
    [Fact]
    public async Task Returns_one_deterministic_unit_vector_per_input_in_the_openai_shape()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps());

        using var response = await Raw.PostAsync(server.BaseUrl + "/v1/embeddings", """{"model":"embed-1","input":["Helix editor","helix EDITOR!","tax invoices"]}""");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = body.RootElement;
        Assert.Equal("list", root.GetProperty("object").GetString());
        Assert.Equal("embed-1", root.GetProperty("model").GetString());
        Assert.Equal(6, root.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        var vectors = root.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToList();
        Assert.Equal([0, 1, 2], root.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("index").GetInt32()));
        Assert.All(vectors, v => Assert.Equal(EmbeddingsHandler.DefaultDimensions, v.Length));
        Assert.All(vectors, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 4));
        Assert.Equal(vectors[0], vectors[1]);
        Assert.NotEqual(vectors[0], vectors[2]);
        Assert.Equal("/v1/embeddings", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task Honours_base64_encoding_and_dimensions()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps());

        using var response = await Raw.PostAsync(server.BaseUrl + "/v1/embeddings", """{"model":"m","input":"Helix editor","encoding_format":"base64","dimensions":16}""");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var bytes = Convert.FromBase64String(body.RootElement.GetProperty("data")[0].GetProperty("embedding").GetString()!);
        Assert.Equal(EmbeddingsHandler.Vector("Helix editor", 16), MemoryMarshal.Cast<byte, float>(bytes).ToArray());
    }

    [Theory]
    [InlineData("""{"input":"x"}""", "model")]
    [InlineData("""{"model":"m"}""", "input")]
    [InlineData("""{"model":"m","input":[1,2,3]}""", "token arrays")]
    [InlineData("""{"model":"m","input":""}""", "empty")]
    [InlineData("""{"model":"m","input":"x","encoding_format":"int8"}""", "encoding_format")]
    [InlineData("""{"model":"m","input":"x","dimensions":0}""", "dimensions")]
    [InlineData("""not json""", "")]
    public async Task Malformed_requests_get_a_400_that_names_the_problem(string request, string mentioned)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps());

        using var response = await Raw.PostAsync(server.BaseUrl + "/v1/embeddings", request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(mentioned, body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(400, Assert.Single(server.Requests).StatusCode);
    }

    [Fact]
    public async Task The_official_openai_sdk_reads_the_vectors()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps());
        var openAI = new OpenAIClient(new ApiKeyCredential("k"), new OpenAIClientOptions { Endpoint = new Uri(server.BaseUrl + "/v1") });
        using var generator = openAI.GetEmbeddingClient("embed-1").AsIEmbeddingGenerator();

        var embeddings = await generator.GenerateAsync(["Helix editor", "tax invoices"]);

        Assert.Equal(EmbeddingsHandler.Vector("Helix editor", EmbeddingsHandler.DefaultDimensions), embeddings[0].Vector.ToArray());
        Assert.Equal(EmbeddingsHandler.Vector("tax invoices", EmbeddingsHandler.DefaultDimensions), embeddings[1].Vector.ToArray());
    }
}
