namespace Chitin.Hosting.Configuration;

/// <summary>The provider endpoint after all layers are merged, with where each value came from.</summary>
/// <param name="Kind">"openai" or "anthropic" (<see cref="ProviderKinds"/>).</param>
/// <param name="ApiKeySource">Where the key came from ("OPENAI_API_KEY", "user config"); never the key itself.</param>
public sealed record ProviderConfig(string Kind, string KindSource, string BaseUrl, string BaseUrlSource, string? ApiKey, string ApiKeySource)
{
    /// <summary>Retries of one model call on 408/429/5xx and dropped connections; null keeps the provider default.</summary>
    public int? MaxRetries { get; init; }

    /// <summary>How the key is shown to people: whether it is set and from where, never its value.</summary>
    public string DescribeApiKey() => ApiKey is null ? $"not set ({ApiKeySource})" : $"set (from {ApiKeySource})";

    /// <summary>True when no layer named a base URL, so the provider's public endpoint is used.</summary>
    public bool UsesDefaultEndpoint => BaseUrlSource.StartsWith("default", StringComparison.Ordinal);

    public override string ToString() => $"{Kind} at {BaseUrl}, API key {DescribeApiKey()}";
}
