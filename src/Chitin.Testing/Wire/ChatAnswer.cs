namespace Chitin.Testing.Wire;

/// <summary>Everything needed to write one answer in either wire format.</summary>
internal sealed record ChatAnswer
{
    public required string Id { get; init; }

    public required string Model { get; init; }

    public required long CreatedUnixSeconds { get; init; }

    public required string Text { get; init; }

    public required IReadOnlyList<AnswerToolCall> ToolCalls { get; init; }

    /// <summary>All prompt tokens, cached ones included.</summary>
    public required int PromptTokens { get; init; }

    /// <summary>Prompt tokens served from the simulated prefix cache.</summary>
    public required int CachedTokens { get; init; }

    /// <summary>Prompt tokens written to the cache (Anthropic <c>cache_creation_input_tokens</c>).</summary>
    public required int CacheWriteTokens { get; init; }

    /// <summary>Generated tokens, reasoning tokens included.</summary>
    public required int OutputTokens { get; init; }

    public required int ReasoningTokens { get; init; }

    public required int ChunkChars { get; init; }

    public bool HasToolCalls => ToolCalls.Count > 0;

    /// <summary>Anthropic's input_tokens: prompt tokens neither read from nor written to the cache.</summary>
    public int UncachedInputTokens => Math.Max(0, PromptTokens - CachedTokens - CacheWriteTokens);
}
