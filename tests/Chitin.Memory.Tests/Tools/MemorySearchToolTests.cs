using Chitin.Memory.Model;

namespace Chitin.Memory.Tests.Tools;

public sealed class MemorySearchToolTests
{
    [Fact]
    public async Task Results_are_numbered_with_id_layer_scope_date_and_text_and_come_as_data_too()
    {
        await using var stores = await ToolStores.OpenAsync();
        var id = await stores.SaveAsync("""{"text":"The user's favourite database is PostgreSQL.","tags":["db"]}""");
        await stores.SaveAsync("""{"text":"Releases are cut on Tuesdays.","layer":"procedural","scope":"project"}""");

        var result = await stores.InvokeAsync(stores.Search, """{"query":"favourite database PostgreSQL"}""");

        Assert.False(result.IsError, result.Text);
        var item = await stores.Memory.GetAsync(id, CancellationToken.None);
        Assert.Matches("""^\d+ memor(y|ies) for "favourite database PostgreSQL", best first:\n""", result.Text);
        Assert.Contains($"\n1. {id} · semantic · user · {item!.ValidFrom:yyyy-MM-dd}\n   The user's favourite database is PostgreSQL.", result.Text, StringComparison.Ordinal);
        var hits = result.Data!.Value.GetProperty("hits");
        Assert.Equal(id, hits[0].GetProperty("id").GetString());
        Assert.Equal("The user's favourite database is PostgreSQL.", hits[0].GetProperty("text").GetString());
        Assert.Equal("semantic", hits[0].GetProperty("layer").GetString());
        Assert.Equal("user", hits[0].GetProperty("scope").GetString());
        Assert.Equal("db", hits[0].GetProperty("tags")[0].GetString());
        Assert.True(hits[0].GetProperty("score").GetDouble() > 0);
    }

    [Fact]
    public async Task Scope_layer_and_limit_narrow_the_search()
    {
        await using var stores = await ToolStores.OpenAsync();
        for (var i = 0; i < 8; i++)
        {
            await stores.SaveAsync($$"""{"text":"Deployment rule {{i}}: deploy region {{i}} only after the smoke test passes.","subject":"deploy.rule{{i}}","scope":"project","layer":"procedural"}""");
        }

        var userOnly = await stores.InvokeAsync(stores.Search, """{"query":"deployment rule smoke test","scope":"user"}""");
        var semanticOnly = await stores.InvokeAsync(stores.Search, """{"query":"deployment rule smoke test","layer":"semantic"}""");
        var three = await stores.InvokeAsync(stores.Search, """{"query":"deployment rule smoke test","limit":"3"}""");
        var byDefault = await stores.InvokeAsync(stores.Search, """{"query":"deployment rule smoke test"}""");

        Assert.Equal("No memories match \"deployment rule smoke test\" in user scope.", userOnly.Text);
        Assert.Equal("No memories match \"deployment rule smoke test\" in the semantic layer.", semanticOnly.Text);
        Assert.Equal(3, three.Data!.Value.GetProperty("hits").GetArrayLength());
        Assert.Equal(5, byDefault.Data!.Value.GetProperty("hits").GetArrayLength());
        Assert.All(byDefault.Data.Value.GetProperty("hits").EnumerateArray(), h => Assert.Equal("project", h.GetProperty("scope").GetString()));
    }

    [Fact]
    public async Task A_long_text_is_cut_in_the_listing_but_whole_in_the_data()
    {
        await using var stores = await ToolStores.OpenAsync();
        var text = "The architecture notes say: " + string.Join(' ', Enumerable.Range(0, 60).Select(i => $"component{i} talks to queue{i}."));
        await stores.SaveAsync($$"""{"text":"{{text}}"}""");

        var result = await stores.InvokeAsync(stores.Search, """{"query":"architecture notes component queue"}""");

        Assert.Matches(@"… \[\d+ more chars\]", result.Text);
        Assert.True(result.Text.Length < 1_000);
        Assert.Equal(text, result.Data!.Value.GetProperty("hits")[0].GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("{}", "'query' is required")]
    [InlineData("""{"query":"x","limit":0}""", "'limit' must be between 1 and 20, got 0")]
    [InlineData("""{"query":"x","limit":21}""", "'limit' must be between 1 and 20, got 21")]
    [InlineData("""{"query":"x","limit":2.5}""", "'limit' must be an integer, got number 2.5")]
    [InlineData("""{"query":"x","scope":"everything"}""", "'scope' must be one of")]
    [InlineData("""{"query":"x","layer":"facts"}""", "'layer' must be one of")]
    public async Task Bad_arguments_get_a_clear_error(string arguments, string expected)
    {
        await using var stores = await ToolStores.OpenAsync();

        var result = await stores.InvokeAsync(stores.Search, arguments);

        Assert.True(result.IsError);
        Assert.StartsWith("Invalid arguments for memory_search: ", result.Text, StringComparison.Ordinal);
        Assert.Contains(expected, result.Text, StringComparison.Ordinal);
        Assert.EndsWith("Expected {query: string, scope?: user|project|agent|session, layer?: semantic|procedural|episodic|working, limit?: 1..20}.", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_sessions_working_notes_and_another_agents_items_are_not_found()
    {
        await using var stores = await ToolStores.OpenAsync();
        await stores.SaveAsync("""{"text":"Scratch: the flaky test is test_upload_retry.","layer":"working"}""", session: "sess_a");
        await stores.SaveAsync("""{"text":"Private: the flaky test list lives in notes/flaky.md.","scope":"agent"}""", agent: "tester");

        var other = await stores.InvokeAsync(stores.Search, """{"query":"flaky test"}""", agent: "default", session: "sess_b");
        var own = await stores.InvokeAsync(stores.Search, """{"query":"flaky test"}""", agent: "tester", session: "sess_a");

        Assert.Equal(0, other.Data!.Value.GetProperty("hits").GetArrayLength());
        Assert.Equal(2, own.Data!.Value.GetProperty("hits").GetArrayLength());
    }
}
