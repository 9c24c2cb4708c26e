using System.Text.Json.Nodes;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Chitin.Testing.Tests.Support;

namespace Chitin.Testing.Tests;

public sealed class PrefixCacheTests
{
    private static readonly string LongSystem = "You are Chitin, an agent. " + string.Concat(Enumerable.Range(0, 60).Select(i => $"Rule {i}: be exact. "));

    [Fact]
    public async Task Cached_tokens_grow_as_a_conversation_is_extended_and_are_zero_for_an_unrelated_prompt()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(_ => ScriptStep.Text("ok")));
        var turns = new List<JsonObject> { Raw.User("First question about the repository layout.") };

        var cached = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await Raw.PostOpenAIAsync(server.BaseUrl, Conversation(LongSystem, turns));
            cached.Add((await Raw.JsonAsync(response)).GetProperty("usage").GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
            turns.Add(Raw.Assistant($"Answer number {i}."));
            turns.Add(Raw.User($"Follow-up question number {i}."));
        }

        using var unrelated = await Raw.PostOpenAIAsync(server.BaseUrl, Conversation("Completely different instructions.", [Raw.User("Hello")]));
        var unrelatedCached = (await Raw.JsonAsync(unrelated)).GetProperty("usage").GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32();

        var prompts = server.Requests.Select(r => r.PromptTokens).ToList();
        Assert.Equal(0, cached[0]);
        Assert.True(cached[1] > 400 && cached[1] < prompts[1], $"second request reuses the first ({cached[1]} of {prompts[1]})");
        Assert.True(cached[2] > cached[1], "the cached prefix grows with the conversation");
        Assert.True(cached[2] >= prompts[1] - 5, "the whole earlier prompt (up to its last message boundary) is reused");
        Assert.Equal(0, unrelatedCached);
        Assert.Equal(cached, server.Requests.Take(3).Select(r => r.CachedTokens));
    }

    [Fact]
    public async Task Cached_tokens_are_rounded_down_to_blocks_and_zero_below_the_minimum()
    {
        await using var blocky = await ScriptedModelServer.StartAsync(
            ModelScript.FromResponder(_ => ScriptStep.Text("ok")),
            new ScriptedModelServerOptions { CacheBlockTokens = 128, MinCacheableTokens = 256 });

        using (await Raw.PostOpenAIAsync(blocky.BaseUrl, Conversation(LongSystem, [Raw.User("one")])))
        {
        }

        using (await Raw.PostOpenAIAsync(blocky.BaseUrl, Conversation(LongSystem, [Raw.User("two")])))
        {
        }

        using (await Raw.PostOpenAIAsync(blocky.BaseUrl, Conversation("Short.", [Raw.User("three")])))
        {
        }

        using (await Raw.PostOpenAIAsync(blocky.BaseUrl, Conversation("Short.", [Raw.User("four")])))
        {
        }

        var requests = blocky.Requests;
        Assert.True(requests[1].CachedTokens >= 256, $"long shared prefix is cached ({requests[1].CachedTokens})");
        Assert.Equal(0, requests[1].CachedTokens % 128);
        Assert.True(requests[3].PromptTokens < 256 + 100);
        Assert.Equal(0, requests[3].CachedTokens); // shares a prefix, but one shorter than the 256-token minimum
    }

    [Fact]
    public async Task Each_model_has_its_own_cache()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(_ => ScriptStep.Text("ok")));
        var first = Conversation(LongSystem, [Raw.User("same")]);
        var second = Conversation(LongSystem, [Raw.User("same")]);
        second["model"] = "other-model";

        using (await Raw.PostOpenAIAsync(server.BaseUrl, first))
        {
        }

        using (await Raw.PostOpenAIAsync(server.BaseUrl, second))
        {
        }

        Assert.Equal(0, server.Requests[1].CachedTokens);
    }

    [Fact]
    public async Task Anthropic_usage_splits_input_into_uncached_read_and_written_tokens()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(_ => ScriptStep.Text("ok")));

        JsonObject Request(string question) => new()
        {
            ["model"] = "scripted-model",
            ["max_tokens"] = 64,
            ["system"] = new JsonArray { new JsonObject { ["type"] = "text", ["text"] = LongSystem, ["cache_control"] = new JsonObject { ["type"] = "ephemeral" } } },
            ["messages"] = new JsonArray { Raw.User(question) },
        };

        using var first = await Raw.PostAnthropicAsync(server.BaseUrl, Request("Question one?"));
        var firstUsage = (await Raw.JsonAsync(first)).GetProperty("usage");
        using var second = await Raw.PostAnthropicAsync(server.BaseUrl, Request("Question two?"));
        var secondUsage = (await Raw.JsonAsync(second)).GetProperty("usage");

        var written = firstUsage.GetProperty("cache_creation_input_tokens").GetInt32();
        Assert.True(written > 400, $"the system block is written to the cache ({written})");
        Assert.Equal(0, firstUsage.GetProperty("cache_read_input_tokens").GetInt32());
        Assert.Equal(server.Requests[0].PromptTokens, firstUsage.GetProperty("input_tokens").GetInt32() + written);

        var read = secondUsage.GetProperty("cache_read_input_tokens").GetInt32();
        Assert.True(read >= written, "the cached system block is read back");
        Assert.Equal(0, secondUsage.GetProperty("cache_creation_input_tokens").GetInt32());
        Assert.Equal(server.Requests[1].PromptTokens, secondUsage.GetProperty("input_tokens").GetInt32() + read);
        Assert.InRange(secondUsage.GetProperty("input_tokens").GetInt32(), 1, 20);
    }

    private static JsonObject Conversation(string system, List<JsonObject> turns)
    {
        var messages = new JsonArray { new JsonObject { ["role"] = "system", ["content"] = system } };
        foreach (var turn in turns)
        {
            messages.Add(turn.DeepClone());
        }

        return new JsonObject { ["model"] = "scripted-model", ["messages"] = messages };
    }
}
