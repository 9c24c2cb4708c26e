using System.Text.Json;
using Chitin.Providers.Chat;
using Chitin.Providers.Tests.Support;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Microsoft.Extensions.AI;

namespace Chitin.Providers.Tests.Chat;

public sealed class PromptCacheKeyTests
{
    [Fact]
    public async Task ThePromptCacheKeyIsSentToOpenAICompatibleServers()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("one"), ScriptStep.Text("two")));
        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, WireFormat.OpenAI) with { PromptCacheKey = "session-42" });
        using var deadline = ProviderTestKit.Deadline();

        await ProviderTestKit.StreamAsync(client, "Hi", deadline.Token);
        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Again")], new ChatOptions { Temperature = 0.5f }, deadline.Token);

        foreach (RecordedRequest request in server.Requests)
        {
            using var body = JsonDocument.Parse(request.Body);
            Assert.Equal("session-42", body.RootElement.GetProperty("prompt_cache_key").GetString());
        }

        using var second = JsonDocument.Parse(server.Requests[1].Body);
        Assert.Equal(0.5, second.RootElement.GetProperty("temperature").GetDouble(), precision: 3);
    }

    [Fact]
    public async Task WithoutAKeyNothingExtraIsSent()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("one")));
        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, WireFormat.OpenAI));
        using var deadline = ProviderTestKit.Deadline();

        await ProviderTestKit.StreamAsync(client, "Hi", deadline.Token);

        using var body = JsonDocument.Parse(server.Requests[0].Body);
        Assert.False(body.RootElement.TryGetProperty("prompt_cache_key", out _));
    }
}
