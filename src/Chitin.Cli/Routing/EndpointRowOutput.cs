namespace Chitin.Cli.Routing;

/// <summary>One endpoint in <c>chitin providers list --json</c>: what config declares.</summary>
public sealed record EndpointRowOutput(
    string Name,
    string Model,
    string Kind,
    string BaseUrl,
    string WireModel,
    decimal InputUsd,
    decimal CachedInputUsd,
    decimal CacheWriteUsd,
    decimal OutputUsd,
    string? Quantization,
    int? ContextTokens,
    string? Reference);
