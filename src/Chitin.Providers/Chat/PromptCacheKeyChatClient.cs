using OpenAI.Chat;

namespace Chitin.Providers.Chat;

/// <summary>
/// Adds <c>prompt_cache_key</c> to OpenAI chat completion requests so calls that share a prefix are routed to
/// the same cache. The hook for cache-aware routing: the key comes from <c>ProviderSettings.PromptCacheKey</c>.
/// </summary>
internal sealed class PromptCacheKeyChatClient(IChatClient innerClient, string promptCacheKey) : RequestRewritingChatClient(innerClient)
{
    protected override ChatOptions RewriteOptions(ChatOptions? options)
    {
        ChatOptions copy = options?.Clone() ?? new ChatOptions();
        Func<IChatClient, object?>? previous = copy.RawRepresentationFactory;
        copy.RawRepresentationFactory = client =>
        {
            ChatCompletionOptions raw = previous?.Invoke(client) as ChatCompletionOptions ?? new ChatCompletionOptions();

            // SCME0001: JsonPatch is marked "for evaluation" in System.ClientModel; it is the SDK's only way to send a
            // field its typed options lack (prompt_cache_key), and this hook is covered by a wire test.
#pragma warning disable SCME0001
            raw.Patch.Set("$.prompt_cache_key"u8, promptCacheKey);
#pragma warning restore SCME0001
            return raw;
        };
        return copy;
    }
}
