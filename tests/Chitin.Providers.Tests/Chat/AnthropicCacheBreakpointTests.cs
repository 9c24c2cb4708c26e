using System.Text.Json;
using Chitin.Core.Metering;
using Chitin.Providers.Chat;
using Chitin.Providers.Tests.Support;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Microsoft.Extensions.AI;

namespace Chitin.Providers.Tests.Chat;

public sealed class AnthropicCacheBreakpointTests
{
    private static readonly string SystemPrompt = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"standing rule {i}."));

    [Fact]
    public async Task AConversationIsCachedWithoutTheCallerMarkingAnything()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(
            ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"a.txt"}""", "call_1")),
            ScriptStep.Text("Done.")));
        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, WireFormat.Anthropic));
        using var deadline = ProviderTestKit.Deadline();
        List<ChatMessage> history = [new(ChatRole.System, SystemPrompt), new(ChatRole.User, "Read a.txt and summarise it.")];

        List<ChatResponseUpdate> first = await ProviderTestKit.StreamAsync(client, history, null, deadline.Token);
        history.AddRange(first.ToChatResponse().Messages);
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_1", string.Join(' ', Enumerable.Repeat("file text", 100)))]));
        List<ChatResponseUpdate> second = await ProviderTestKit.StreamAsync(client, history, null, deadline.Token);

        RecordedRequest firstRecord = server.Requests[0];
        RecordedRequest secondRecord = server.Requests[1];
        Assert.True(firstRecord.CacheWriteTokens > 0);
        Assert.True(secondRecord.CachedTokens >= firstRecord.CacheWriteTokens, "the second call reads what the first wrote");
        Assert.True(secondRecord.CacheWriteTokens > 0, "and writes its new tail");
        UsageDetails usage = Assert.Single(second.SelectMany(update => update.Contents).OfType<UsageContent>()).Details;
        Assert.Equal(secondRecord.CachedTokens, usage.CachedInputTokenCount);
        Assert.Equal(secondRecord.CacheWriteTokens, usage.AdditionalCounts![UsageKeys.CacheWriteInputTokens]);
        Assert.Equal(2, CountCacheControls(secondRecord.Body));
        Assert.All(history, message => Assert.All(message.Contents, content => Assert.Null(content.AdditionalProperties)));
    }

    [Fact]
    public async Task BreakpointsTheCallerPlacedAreLeftAlone()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("ok")));
        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, WireFormat.Anthropic));
        using var deadline = ProviderTestKit.Deadline();
        List<ChatMessage> history =
        [
            new(ChatRole.System, [new TextContent(SystemPrompt).WithCacheControl(Anthropic.Models.Messages.Ttl.Ttl1h)]),
            new(ChatRole.User, "Hi"),
        ];

        await ProviderTestKit.StreamAsync(client, history, null, deadline.Token);

        Assert.Equal(1, CountCacheControls(server.Requests[0].Body));
    }

    [Fact]
    public async Task AutomaticBreakpointsCanBeSwitchedOff()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("ok")));
        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, WireFormat.Anthropic) with { AutomaticCacheBreakpoints = false });
        using var deadline = ProviderTestKit.Deadline();

        await ProviderTestKit.StreamAsync(client, [new ChatMessage(ChatRole.System, SystemPrompt), new ChatMessage(ChatRole.User, "Hi")], null, deadline.Token);

        Assert.Equal(0, CountCacheControls(server.Requests[0].Body));
        Assert.Equal(0, server.Requests[0].CacheWriteTokens);
    }

    private static int CountCacheControls(string body)
    {
        using var document = JsonDocument.Parse(body);
        return Count(document.RootElement);

        static int Count(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().Sum(property => (property.NameEquals("cache_control") ? 1 : 0) + Count(property.Value)),
            JsonValueKind.Array => element.EnumerateArray().Sum(Count),
            _ => 0,
        };
    }
}
