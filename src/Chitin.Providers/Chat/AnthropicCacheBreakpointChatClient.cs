using Anthropic.Models.Messages;

namespace Chitin.Providers.Chat;

/// <summary>
/// Anthropic caches a prompt prefix only up to blocks marked with cache_control. Unless the caller placed its own
/// breakpoints, this marks the end of the system prompt (tools and system cache together) and the last block of
/// the conversation, so each call reads what the previous one wrote and writes the new tail. The caller's
/// messages are never changed: marked messages and blocks are copies.
/// </summary>
public sealed class AnthropicCacheBreakpointChatClient(IChatClient innerClient) : RequestRewritingChatClient(innerClient)
{
    /// <summary>The AdditionalProperties key the Anthropic adapter reads (see AIContentCacheExtensions.WithCacheControl).</summary>
    private const string CacheControlKey = "anthropic:cache_control";

    protected override IEnumerable<ChatMessage> RewriteMessages(IEnumerable<ChatMessage> messages) => WithBreakpoints(messages);

    internal static IList<ChatMessage> WithBreakpoints(IEnumerable<ChatMessage> messages)
    {
        List<ChatMessage> list = [.. messages];
        if (list.Exists(message => message.Contents.Any(content => content.AdditionalProperties?.ContainsKey(CacheControlKey) == true)))
        {
            return list;
        }

        int lastSystem = list.FindLastIndex(message => message.Role == ChatRole.System);
        if (lastSystem >= 0)
        {
            Mark(list, lastSystem);
        }

        int last = list.Count - 1;
        if (last >= 0 && last != lastSystem)
        {
            Mark(list, last);
        }

        return list;
    }

    private static void Mark(List<ChatMessage> list, int messageIndex)
    {
        ChatMessage message = list[messageIndex];
        for (int i = message.Contents.Count - 1; i >= 0; i--)
        {
            if (CopyOf(message.Contents[i]) is { } marked)
            {
                (marked.AdditionalProperties ??= [])[CacheControlKey] = new CacheControlEphemeral();
                ChatMessage copy = message.Clone();
                copy.Contents = [.. message.Contents];
                copy.Contents[i] = marked;
                list[messageIndex] = copy;
                return;
            }
        }
    }

    /// <summary>A shallow copy of the block kinds Anthropic can cache at; null for the others.</summary>
    private static AIContent? CopyOf(AIContent content)
    {
        AIContent? copy = content switch
        {
            TextContent text when text.Text.Length > 0 => new TextContent(text.Text) { Annotations = text.Annotations },
            FunctionResultContent result => new FunctionResultContent(result.CallId, result.Result) { Exception = result.Exception },
            FunctionCallContent call => new FunctionCallContent(call.CallId, call.Name, call.Arguments),
            _ => null,
        };
        if (copy is not null)
        {
            copy.RawRepresentation = content.RawRepresentation;
            copy.AdditionalProperties = content.AdditionalProperties is { } properties ? new AdditionalPropertiesDictionary(properties) : null;
        }

        return copy;
    }
}
