namespace Chitin.Testing.Server;

/// <summary>One HTTP request the server received, whatever became of it.</summary>
public sealed record RecordedRequest
{
    /// <summary>0-based arrival number among all requests to this server.</summary>
    public required int Index { get; init; }

    /// <summary>The dialect of the endpoint (for other paths: Anthropic when an anthropic-version header came).</summary>
    public required WireFormat WireFormat { get; init; }

    public required string Path { get; init; }

    public required string Method { get; init; }

    /// <summary>Request headers; look-ups ignore case. Repeated headers are joined with ", ".</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The raw request body.</summary>
    public required string Body { get; init; }

    /// <summary>The chat request as the script saw it; null when it was not a chat request or could not be parsed.</summary>
    public ScriptRequest? Parsed { get; init; }

    /// <summary>The response status (200 also for a stream that a fault cut).</summary>
    public required int StatusCode { get; init; }

    public int PromptTokens { get; init; }

    public int CachedTokens { get; init; }

    /// <summary>Anthropic cache_creation_input_tokens reported for this request.</summary>
    public int CacheWriteTokens { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The injected fault this request met, if any.</summary>
    public Fault? FaultApplied { get; init; }
}
