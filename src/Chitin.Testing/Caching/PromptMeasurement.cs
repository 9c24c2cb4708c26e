namespace Chitin.Testing.Caching;

/// <summary>The token accounting of one prompt.</summary>
/// <param name="Tokens">The prompt's tokens.</param>
/// <param name="CachedTokens">Tokens served from the simulated prefix cache (after rounding and the minimum).</param>
/// <param name="CacheWriteTokens">Tokens written to the cache: Anthropic cache_creation_input_tokens, 0 for OpenAI.</param>
internal readonly record struct PromptMeasurement(int[] Tokens, int CachedTokens, int CacheWriteTokens)
{
    public static readonly PromptMeasurement None = new([], 0, 0);

    public int PromptTokens => Tokens?.Length ?? 0;
}
