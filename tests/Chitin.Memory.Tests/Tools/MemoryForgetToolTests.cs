using Chitin.Memory.Model;

namespace Chitin.Memory.Tests.Tools;

public sealed class MemoryForgetToolTests
{
    [Fact]
    public async Task Forgetting_ends_the_item_with_the_reason_and_keeps_it_in_the_history()
    {
        await using var stores = await ToolStores.OpenAsync();
        var id = await stores.SaveAsync("""{"text":"The user works from the Porto office."}""");

        var result = await stores.InvokeAsync(stores.Forget, $$"""{"id":"{{id}}","reason":"they moved to Lisbon"}""");

        Assert.False(result.IsError, result.Text);
        Assert.StartsWith($"Forgot {id} (\"The user works from the Porto office.\"): they moved to Lisbon.", result.Text, StringComparison.Ordinal);
        Assert.True(result.Data!.Value.GetProperty("forgotten").GetBoolean());
        var item = await stores.Memory.GetAsync(id, CancellationToken.None);
        Assert.NotNull(item!.ValidTo);
        Assert.Equal(MemoryChangeKind.Forgotten, (await stores.Memory.GetHistoryAsync(id, CancellationToken.None))[^1].Change);
        var search = await stores.InvokeAsync(stores.Search, """{"query":"Porto office"}""");
        Assert.Equal(0, search.Data!.Value.GetProperty("hits").GetArrayLength());
    }

    [Fact]
    public async Task Forgetting_twice_changes_nothing_the_second_time()
    {
        await using var stores = await ToolStores.OpenAsync();
        var id = await stores.SaveAsync("""{"text":"The user works from the Porto office."}""");
        await stores.InvokeAsync(stores.Forget, $$"""{"id":"{{id}}","reason":"moved"}""");
        var historyBefore = await stores.Memory.GetHistoryAsync(id, CancellationToken.None);

        var again = await stores.InvokeAsync(stores.Forget, $$"""{"id":"{{id}}","reason":"moved again"}""");

        Assert.False(again.IsError);
        Assert.StartsWith($"{id} is already no longer current", again.Text, StringComparison.Ordinal);
        Assert.False(again.Data!.Value.GetProperty("forgotten").GetBoolean());
        Assert.Equal(historyBefore.Count, (await stores.Memory.GetHistoryAsync(id, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Items_of_another_agent_or_session_are_refused_like_unknown_ids()
    {
        await using var stores = await ToolStores.OpenAsync();
        var agentItem = await stores.SaveAsync("""{"text":"Tester's private note.","scope":"agent"}""", agent: "tester");
        var sessionItem = await stores.SaveAsync("""{"text":"Scratch for session a.","layer":"working"}""", session: "sess_a");

        var byOtherAgent = await stores.InvokeAsync(stores.Forget, $$"""{"id":"{{agentItem}}","reason":"x"}""", agent: "intruder");
        var byOtherSession = await stores.InvokeAsync(stores.Forget, $$"""{"id":"{{sessionItem}}","reason":"x"}""", session: "sess_b");
        var unknown = await stores.InvokeAsync(stores.Forget, """{"id":"mem_ffffffffffffffff","reason":"x"}""");

        Assert.All([byOtherAgent, byOtherSession, unknown], r => Assert.True(r.IsError));
        Assert.Equal($"No memory with id '{agentItem}' that you can see. Use memory_search to find the id of the memory to forget.", byOtherAgent.Text);
        Assert.StartsWith($"No memory with id '{sessionItem}' that you can see.", byOtherSession.Text, StringComparison.Ordinal);
        Assert.StartsWith("No memory with id 'mem_ffffffffffffffff' that you can see.", unknown.Text, StringComparison.Ordinal);
        Assert.Null((await stores.Memory.GetAsync(agentItem, CancellationToken.None))!.ValidTo);
        Assert.Null((await stores.Memory.GetAsync(sessionItem, CancellationToken.None))!.ValidTo);
    }

    [Theory]
    [InlineData("{}", "'id' is required; 'reason' is required")]
    [InlineData("""{"id":"mem_1"}""", "'reason' is required")]
    [InlineData("""{"id":"","reason":"x"}""", "'id' must not be empty")]
    public async Task Bad_arguments_get_a_clear_error(string arguments, string expected)
    {
        await using var stores = await ToolStores.OpenAsync();

        var result = await stores.InvokeAsync(stores.Forget, arguments);

        Assert.True(result.IsError);
        Assert.Equal($"Invalid arguments for memory_forget: {expected}. Expected {{id: string, reason: string}}.", result.Text);
    }
}
