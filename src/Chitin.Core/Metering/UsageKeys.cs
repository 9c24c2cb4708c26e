namespace Chitin.Core.Metering;

/// <summary>
/// Keys in <c>Microsoft.Extensions.AI.UsageDetails.AdditionalCounts</c> that providers fill so the loop can meter
/// what the common fields lack.
/// </summary>
public static class UsageKeys
{
    /// <summary>Prompt tokens written to the provider's cache by this call (Anthropic cache_creation_input_tokens).</summary>
    public const string CacheWriteInputTokens = "CacheWriteInputTokens";
}
