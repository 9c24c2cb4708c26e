using System.Text.Json;
using Chitin.Core.Metering;
using Chitin.Providers.Chat;
using Chitin.Providers.Tests.Support;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Microsoft.Extensions.AI;

namespace Chitin.Providers.Tests.Chat;

public sealed class StreamingTests
{
    private const string Answer = "The scripted model answers in several small pieces of text.";

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task StreamsTextInSeveralDeltas(WireFormat format)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text(Answer)));
        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, format));
        using var deadline = ProviderTestKit.Deadline();

        List<ChatResponseUpdate> updates = await ProviderTestKit.StreamAsync(client, "Say something.", deadline.Token);
        ChatResponse response = updates.ToChatResponse();

        Assert.True(updates.Count(update => update.Text.Length > 0) > 1, "the text should arrive in several deltas");
        Assert.Equal(Answer, response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.All(updates, update => Assert.Equal(ProviderTestKit.Model, update.ModelId));
        RecordedRequest request = Assert.Single(server.Requests);
        Assert.Equal(format, request.WireFormat);
        Assert.True(request.Parsed!.Stream);
        Assert.Equal("Say something.", request.Parsed.LastUserText);
    }

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task ToolCallArrivesWithParsedArguments(WireFormat format)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(
            ScriptStep.ToolCalls("Let me look.", new ScriptToolCall("read_file", """{"path":"notes/plan.md","limit":5}""", "call_1"))));
        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, format));
        using var deadline = ProviderTestKit.Deadline();
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create((string path, int limit) => path, "read_file", "Reads a file.")] };

        List<ChatResponseUpdate> updates = await ProviderTestKit.StreamAsync(client, [new ChatMessage(ChatRole.User, "Read the plan.")], options, deadline.Token);
        ChatResponse response = updates.ToChatResponse();

        FunctionCallContent call = Assert.Single(response.Messages.SelectMany(message => message.Contents).OfType<FunctionCallContent>());
        Assert.Equal("read_file", call.Name);
        Assert.Equal("call_1", call.CallId);
        Assert.Equal("notes/plan.md", Assert.IsType<JsonElement>(call.Arguments!["path"]).GetString());
        Assert.Equal(5, Assert.IsType<JsonElement>(call.Arguments["limit"]).GetInt32());
        Assert.Equal("Let me look.", response.Text);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal(["read_file"], server.Requests[0].Parsed!.ToolNames);
    }

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task NonStreamingCallsAnswerToo(WireFormat format)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text(Answer)));
        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, format));
        using var deadline = ProviderTestKit.Deadline();

        ChatResponse response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: deadline.Token);

        Assert.Equal(Answer, response.Text);
        Assert.Equal(ProviderTestKit.Model, response.ModelId);
        Assert.False(server.Requests[0].Parsed!.Stream);
        Assert.Equal(server.Requests[0].PromptTokens, response.Usage!.InputTokenCount);
        Assert.True(response.Usage.OutputTokenCount > 0);
    }

    [Theory]
    [InlineData(WireFormat.OpenAI, true)]
    [InlineData(WireFormat.OpenAI, false)]
    [InlineData(WireFormat.Anthropic, true)]
    [InlineData(WireFormat.Anthropic, false)]
    public async Task UsageCountsTheWholePromptWithCacheReadsAndWrites(WireFormat format, bool streaming)
    {
        await using var server = await ScriptedModelServer.StartAsync(
            ModelScript.FromSteps(ScriptStep.Text("First answer."), ScriptStep.Text("Second answer.").WithReasoningTokens(7)));
        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, format));
        using var deadline = ProviderTestKit.Deadline();
        string longSystemPrompt = string.Join(' ', Enumerable.Range(0, 300).Select(i => $"rule-{i}: keep the prefix stable."));

        UsageDetails first = await CallAsync(client, Conversation(longSystemPrompt, "first question"), streaming, deadline.Token);
        UsageDetails second = await CallAsync(client, Conversation(longSystemPrompt, "second question"), streaming, deadline.Token);

        RecordedRequest firstRecord = server.Requests[0];
        RecordedRequest secondRecord = server.Requests[1];
        Assert.True(secondRecord.CachedTokens > 0, "the shared system prompt should be served from the cache");
        AssertMatches(firstRecord, first);
        AssertMatches(secondRecord, second);
        if (format == WireFormat.Anthropic)
        {
            Assert.True(firstRecord.CacheWriteTokens > 0, "the first Anthropic call writes the cache breakpoint's prefix");
            Assert.Equal(firstRecord.CacheWriteTokens, first.AdditionalCounts![UsageKeys.CacheWriteInputTokens]);
        }
        else
        {
            Assert.Equal(7, second.ReasoningTokenCount);
        }
    }

    private static void AssertMatches(RecordedRequest record, UsageDetails usage)
    {
        Assert.Equal(record.PromptTokens, usage.InputTokenCount);
        Assert.Equal(record.CachedTokens, usage.CachedInputTokenCount ?? 0);
        long cacheWrites = usage.AdditionalCounts is { } counts && counts.TryGetValue(UsageKeys.CacheWriteInputTokens, out long written) ? written : 0;
        Assert.Equal(record.CacheWriteTokens, cacheWrites);
        Assert.True(usage.OutputTokenCount > 0);
        Assert.Equal(usage.InputTokenCount + usage.OutputTokenCount, usage.TotalTokenCount);
        Assert.False(usage.AdditionalCounts?.ContainsKey("CacheCreationInputTokens") ?? false, "the adapter's own key is renamed");
    }

    private static List<ChatMessage> Conversation(string systemPrompt, string question) =>
    [
        // The breakpoint only matters to Anthropic; OpenAI-compatible servers cache prefixes without one.
        new ChatMessage(ChatRole.System, [new TextContent(systemPrompt).WithCacheControl(Anthropic.Models.Messages.Ttl.Ttl5m)]),
        new ChatMessage(ChatRole.User, question),
    ];

    private static async Task<UsageDetails> CallAsync(IChatClient client, List<ChatMessage> messages, bool streaming, CancellationToken cancellationToken)
    {
        if (!streaming)
        {
            return (await client.GetResponseAsync(messages, cancellationToken: cancellationToken)).Usage!;
        }

        List<ChatResponseUpdate> updates = await ProviderTestKit.StreamAsync(client, messages, null, cancellationToken);
        return Assert.Single(updates.SelectMany(update => update.Contents).OfType<UsageContent>()).Details;
    }
}
