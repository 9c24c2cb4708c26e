using Anthropic.Models.Messages;

namespace Chitin.Providers.Chat;

/// <summary>
/// Rebuilds the usage of Anthropic responses from the raw wire events so it means what the loop expects:
/// <see cref="UsageDetails.InputTokenCount"/> = the whole prompt (uncached + cache reads + cache writes),
/// <see cref="UsageDetails.CachedInputTokenCount"/> = cache reads, cache writes under
/// <see cref="Chitin.Core.Metering.UsageKeys.CacheWriteInputTokens"/>. Reading the wire events rather than the adapter's
/// figures keeps the input count when a server's message_delta carries only output_tokens (the adapter would
/// replace the message_start counts with it).
/// </summary>
public sealed class AnthropicUsageNormalizingChatClient(IChatClient innerClient) : DelegatingChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ChatResponse response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        if (response.RawRepresentation is Message message && message.RawData.TryGetValue("usage", out JsonElement usageJson))
        {
            var usage = new AnthropicUsage();
            usage.Merge(usageJson);
            if (usage.HasData)
            {
                response.Usage = usage.ToUsageDetails(response.Usage?.AdditionalCounts);
            }
        }

        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var usage = new AnthropicUsage();
        bool reported = false;
        ChatResponseUpdate? last = null;
        await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            if (update.RawRepresentation is RawMessageStreamEvent streamEvent)
            {
                MergeEvent(usage, streamEvent.Json);
            }

            for (int i = 0; i < update.Contents.Count; i++)
            {
                if (update.Contents[i] is UsageContent reportedUsage && usage.HasData)
                {
                    update.Contents[i] = new UsageContent(usage.ToUsageDetails(reportedUsage.Details.AdditionalCounts))
                    {
                        RawRepresentation = reportedUsage.RawRepresentation,
                    };
                    reported = true;
                }
            }

            last = update;
            yield return update;
        }

        if (!reported && usage.HasData)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(usage.ToUsageDetails(null))])
            {
                FinishReason = last?.FinishReason,
                MessageId = last?.MessageId,
                ResponseId = last?.ResponseId,
                ModelId = last?.ModelId,
            };
        }
    }

    private static void MergeEvent(AnthropicUsage usage, JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("type", out JsonElement type))
        {
            return;
        }

        if (type.ValueEquals("message_start") && json.TryGetProperty("message", out JsonElement message) && message.ValueKind == JsonValueKind.Object
            && message.TryGetProperty("usage", out JsonElement startUsage))
        {
            usage.Merge(startUsage);
        }
        else if (type.ValueEquals("message_delta") && json.TryGetProperty("usage", out JsonElement deltaUsage))
        {
            usage.Merge(deltaUsage);
        }
    }
}
