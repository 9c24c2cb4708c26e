namespace Chitin.Providers.Routing.Configuration;

/// <summary>
/// One provider serving a logical model: config <c>endpoints[i]</c>. Several endpoints with the same
/// <see cref="Model"/> are routed between.
/// </summary>
public sealed record EndpointSettings
{
    public required string Name { get; init; }

    /// <summary>The logical model id users ask for (<c>--model</c>).</summary>
    public required string Model { get; init; }

    public ProviderKind Kind { get; init; } = ProviderKind.OpenAI;

    public required string BaseUrl { get; init; }

    /// <summary>The environment variable holding the key; the key itself never appears in config.</summary>
    public string? ApiKeyEnv { get; init; }

    /// <summary>The model id this provider calls it; null means <see cref="Model"/>.</summary>
    public string? UpstreamModel { get; init; }

    /// <summary>List prices, USD per million tokens.</summary>
    public required ModelPrice Price { get; init; }

    /// <summary>What the provider declares ("fp8", "int4"); informational, shown by <c>providers list</c>.</summary>
    public string? Quantization { get; init; }

    /// <summary>The context window; a request estimated larger is not sent here.</summary>
    public int? ContextTokens { get; init; }

    /// <summary>Another endpoint of the same model whose answers and token counts are taken as the truth.</summary>
    public string? Reference { get; init; }

    /// <summary>The model id sent on the wire.</summary>
    public string WireModel => string.IsNullOrWhiteSpace(UpstreamModel) ? Model : UpstreamModel;
}
