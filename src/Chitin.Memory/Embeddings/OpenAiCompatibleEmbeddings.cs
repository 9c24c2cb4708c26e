using OpenAI;

namespace Chitin.Memory.Embeddings;

/// <summary>Embeddings from any OpenAI-compatible <c>POST /v1/embeddings</c> endpoint (OpenAI, Ollama, vLLM, LM Studio, ...).</summary>
public static class OpenAiCompatibleEmbeddings
{
    /// <summary>Placeholder sent when the endpoint needs no key (local servers); the SDK insists on one.</summary>
    private const string NoKey = "no-key";

    /// <param name="baseUrl">The API root including the version segment, e.g. <c>https://api.openai.com/v1</c> or <c>http://127.0.0.1:11434/v1</c>.</param>
    /// <param name="apiKey">Bearer key, or null for servers that need none.</param>
    /// <param name="model">Embedding model id, e.g. <c>text-embedding-3-small</c>.</param>
    public static IEmbeddingGenerator<string, Embedding<float>> Create(Uri baseUrl, string? apiKey, string model)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The embeddings base URL must be an absolute http(s) URL such as http://127.0.0.1:11434/v1; got '{baseUrl}'.", nameof(baseUrl));
        }

        var endpoint = new Uri(baseUrl.AbsoluteUri.TrimEnd('/'));
        var client = new OpenAIClient(
            new ApiKeyCredential(string.IsNullOrWhiteSpace(apiKey) ? NoKey : apiKey),
            new OpenAIClientOptions { Endpoint = endpoint });
        return client.GetEmbeddingClient(model).AsIEmbeddingGenerator();
    }
}
