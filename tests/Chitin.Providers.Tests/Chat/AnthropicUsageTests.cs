using System.Text.Json;
using Chitin.Core.Metering;
using Chitin.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Chitin.Providers.Tests.Chat;

public sealed class AnthropicUsageTests
{
    [Fact]
    public void ADeltaWithOnlyOutputTokensKeepsThePromptCountsOfMessageStart()
    {
        // Some Anthropic-compatible servers send only output_tokens in message_delta; the adapter alone would
        // then report no input at all.
        var usage = new AnthropicUsage();
        usage.Merge(Json("""{"input_tokens":10,"cache_read_input_tokens":500,"cache_creation_input_tokens":30,"output_tokens":1}"""));
        usage.Merge(Json("""{"output_tokens":42}"""));

        UsageDetails details = usage.ToUsageDetails(null);

        Assert.Equal(540, details.InputTokenCount);
        Assert.Equal(500, details.CachedInputTokenCount);
        Assert.Equal(42, details.OutputTokenCount);
        Assert.Equal(582, details.TotalTokenCount);
        Assert.Equal(30, details.AdditionalCounts![UsageKeys.CacheWriteInputTokens]);
    }

    [Fact]
    public void ThinkingTokensBecomeReasoningAndOtherCountsSurvive()
    {
        var usage = new AnthropicUsage();
        usage.Merge(Json("""{"input_tokens":7,"output_tokens":90,"output_tokens_details":{"thinking_tokens":60}}"""));
        AdditionalPropertiesDictionary<long> adapterCounts = new() { ["WebSearchRequests"] = 2, [AnthropicUsage.AnthropicCacheCreationKey] = 99 };

        UsageDetails details = usage.ToUsageDetails(adapterCounts);

        Assert.Equal(7, details.InputTokenCount);
        Assert.Null(details.CachedInputTokenCount);
        Assert.Equal(60, details.ReasoningTokenCount);
        Assert.Equal(2, details.AdditionalCounts!["WebSearchRequests"]);
        Assert.False(details.AdditionalCounts.ContainsKey(AnthropicUsage.AnthropicCacheCreationKey));
        Assert.False(details.AdditionalCounts.ContainsKey(UsageKeys.CacheWriteInputTokens));
    }

    [Fact]
    public void NoUsageMeansNoData()
    {
        var usage = new AnthropicUsage();
        usage.Merge(Json("""{"unrelated":1}"""));
        usage.Merge(Json("null"));

        Assert.False(usage.HasData);
    }

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
