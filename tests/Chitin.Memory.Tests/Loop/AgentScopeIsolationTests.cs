using Chitin.Memory.Model;

namespace Chitin.Memory.Tests.Loop;

/// <summary>Two agent profiles share the user's memory but never see each other's private (agent-scope) items.</summary>
public sealed class AgentScopeIsolationTests
{
    private const string AlicePrivate = "Alice keeps the staging deploy checklist in ops/alice-checklist.md.";
    private const string Shared = "The user's name is Dana and they work in Lisbon.";

    [Fact]
    public async Task Bob_never_sees_alices_agent_scope_items_while_both_see_user_scope()
    {
        await using var loop = await MemoryLoop.StartAsync();
        var privateId = MemoryLoop.IdIn((await loop.RunAsync(
            $$"""memory_save {"text":"{{AlicePrivate}}","scope":"agent","subject":"alice.checklist"}""", agent: "alice")).FinalText);
        var sharedId = MemoryLoop.IdIn((await loop.RunAsync(
            $$"""memory_save {"text":"{{Shared}}","scope":"user","subject":"user.name"}""", agent: "alice")).FinalText);

        var bobLooks = await loop.RunAsync("""memory_search {"query":"staging deploy checklist ops alice","limit":20}""", agent: "bob");
        var bobAgentScope = await loop.RunAsync("""memory_search {"query":"checklist","scope":"agent"}""", agent: "bob");
        var bobUser = await loop.RunAsync("""memory_search {"query":"user name Dana Lisbon"}""", agent: "bob");
        var aliceLooks = await loop.RunAsync("""memory_search {"query":"staging deploy checklist"}""", agent: "alice");

        Assert.DoesNotContain(privateId, bobLooks.FinalText, StringComparison.Ordinal);
        Assert.DoesNotContain("ops/alice-checklist", bobLooks.FinalText, StringComparison.Ordinal);
        Assert.StartsWith("No memories match \"checklist\" in agent scope.", bobAgentScope.FinalText, StringComparison.Ordinal);
        Assert.Contains(sharedId, bobUser.FinalText, StringComparison.Ordinal);
        Assert.Contains(privateId, aliceLooks.FinalText, StringComparison.Ordinal);

        // Bob's digest carries the shared fact and nothing of Alice's private notes.
        var bobPrompts = loop.AgentRequests.Skip(4).Take(6).Select(r => r.Parsed!.SystemPrompt!).Distinct().ToList();
        Assert.All(bobPrompts, p => Assert.DoesNotContain("ops/alice-checklist", p, StringComparison.Ordinal));
        Assert.All(bobPrompts, p => Assert.Contains(Shared, p, StringComparison.Ordinal));
        var alicePrompt = loop.AgentRequests[^1].Parsed!.SystemPrompt!;
        Assert.Contains("ops/alice-checklist", alicePrompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bob_cannot_forget_alices_private_item_and_is_not_told_it_exists()
    {
        await using var loop = await MemoryLoop.StartAsync();
        var privateId = MemoryLoop.IdIn((await loop.RunAsync(
            $$"""memory_save {"text":"{{AlicePrivate}}","scope":"agent"}""", agent: "alice")).FinalText);

        var refused = await loop.RunAsync($$"""memory_forget {"id":"{{privateId}}","reason":"cleanup"}""", agent: "bob");
        var unknown = await loop.RunAsync("""memory_forget {"id":"mem_0000000000000000","reason":"cleanup"}""", agent: "bob");

        Assert.Equal($"ERROR: No memory with id '{privateId}' that you can see. Use memory_search to find the id of the memory to forget.", refused.FinalText);
        Assert.Equal(unknown.FinalText.Replace("mem_0000000000000000", privateId, StringComparison.Ordinal), refused.FinalText);
        var toolMessage = (await loop.Store.LoadMessagesAsync(refused.SessionId, CancellationToken.None)).Single(m => m.Role == Core.Sessions.MessageRole.Tool);
        Assert.True(toolMessage.IsError);
        var item = await loop.Memory.GetAsync(privateId, CancellationToken.None);
        Assert.NotNull(item);
        Assert.Null(item.ValidTo);
        Assert.Equal(MemoryScope.Agent, item.Scope);
        Assert.Equal("alice", item.ScopeKey);
    }

    [Fact]
    public async Task Project_scope_is_shared_by_agents_in_the_same_workspace()
    {
        await using var loop = await MemoryLoop.StartAsync();
        var id = MemoryLoop.IdIn((await loop.RunAsync(
            """memory_save {"text":"This repository formats code with `dotnet format` before every commit.","layer":"procedural","scope":"project"}""", agent: "alice")).FinalText);

        var bob = await loop.RunAsync("""memory_search {"query":"format code before commit","scope":"project"}""", agent: "bob");

        Assert.Contains($"{id} · procedural · project", bob.FinalText, StringComparison.Ordinal);
    }
}
