using Chitin.Memory.Model;

namespace Chitin.Memory.Tests.Tools;

public sealed class MemorySaveToolTests
{
    [Fact]
    public async Task A_new_fact_is_stored_for_the_calling_agent_workspace_and_session()
    {
        await using var stores = await ToolStores.OpenAsync();

        var result = await stores.InvokeAsync(stores.Save, """{"text":"  The build needs Node 22.  ","layer":"procedural","scope":"project","tags":["build","node","build"]}""", agent: "builder", session: "sess_7");

        Assert.False(result.IsError, result.Text);
        var data = result.Data!.Value;
        var id = data.GetProperty("id").GetString()!;
        Assert.Equal($"Saved as {id} (procedural, project scope).", result.Text);
        Assert.Equal("created", data.GetProperty("action").GetString());
        var item = await stores.Memory.GetAsync(id, CancellationToken.None);
        Assert.NotNull(item);
        Assert.Equal("The build needs Node 22.", item.Text);
        Assert.Equal((MemoryLayer.Procedural, MemoryScope.Project, stores.Workspace), (item.Layer, item.Scope, item.ScopeKey));
        Assert.Equal(["build", "node"], item.Tags.Order(StringComparer.Ordinal));
        Assert.Equal(new MemorySource(MemorySourceKind.Session, "sess_7"), item.Source);
        Assert.False(item.Pinned);
    }

    [Fact]
    public async Task Defaults_are_a_semantic_user_fact_and_working_notes_stay_in_the_session()
    {
        await using var stores = await ToolStores.OpenAsync();

        var fact = await stores.Memory.GetAsync(await stores.SaveAsync("""{"text":"The user's cat is called Miso."}"""), CancellationToken.None);
        var scratch = await stores.Memory.GetAsync(await stores.SaveAsync("""{"text":"Step 3 of the migration is next.","layer":"working"}""", session: "sess_9"), CancellationToken.None);

        Assert.Equal((MemoryLayer.Semantic, MemoryScope.User, ""), (fact!.Layer, fact.Scope, fact.ScopeKey));
        Assert.Equal((MemoryLayer.Working, MemoryScope.Session, "sess_9"), (scratch!.Layer, scratch.Scope, scratch.ScopeKey));
    }

    [Fact]
    public async Task An_expiry_date_means_through_the_end_of_that_day()
    {
        await using var stores = await ToolStores.OpenAsync();

        var result = await stores.InvokeAsync(stores.Save, """{"text":"The office is closed for renovation.","layer":"episodic","expires":"2099-12-31"}""");

        var item = await stores.Memory.GetAsync(result.Data!.Value.GetProperty("id").GetString()!, CancellationToken.None);
        Assert.Equal(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero), item!.ExpiresAt);
        Assert.EndsWith("Expires 2100-01-01 00:00Z.", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_fact_twice_is_reported_as_already_known()
    {
        await using var stores = await ToolStores.OpenAsync();
        var first = await stores.SaveAsync("""{"text":"The user writes commit messages in English."}""");

        var again = await stores.InvokeAsync(stores.Save, """{"text":"The user writes commit messages in English."}""");

        Assert.Equal($"Already known as {first} (semantic, user scope); nothing new stored.", again.Text);
        Assert.Equal("duplicate", again.Data!.Value.GetProperty("action").GetString());
    }

    [Fact]
    public async Task A_fact_on_the_same_subject_replaces_the_old_one_and_says_so()
    {
        await using var stores = await ToolStores.OpenAsync();
        var old = await stores.SaveAsync("""{"text":"The user's shell is bash.","subject":"user.shell"}""");

        var result = await stores.InvokeAsync(stores.Save, """{"text":"The user's shell is fish now.","subject":"user.shell"}""");

        Assert.Contains($"it replaces {old} (kept in history)", result.Text, StringComparison.Ordinal);
        Assert.Equal("superseded", result.Data!.Value.GetProperty("action").GetString());
        Assert.Equal(old, result.Data.Value.GetProperty("superseded")[0].GetString());
    }

    [Theory]
    [InlineData("{}", "'text' is required")]
    [InlineData("""{"text":"   "}""", "'text' must not be empty")]
    [InlineData("""{"text":42}""", "'text' must be a string, got number 42")]
    [InlineData("""{"text":"x is y","layer":"long-term"}""", "'layer' must be one of \"working\", \"episodic\", \"semantic\", \"procedural\", got \"long-term\"")]
    [InlineData("""{"text":"x is y","scope":"global"}""", "'scope' must be one of \"user\", \"project\", \"agent\", \"session\", got \"global\"")]
    [InlineData("""{"text":"x is y","tags":"a,b"}""", null)]
    [InlineData("""{"text":"x is y","tags":[1]}""", "'tags[0]' must be a non-empty string, got number 1")]
    [InlineData("""{"text":"x is y","tags":{"a":1}}""", "'tags' must be an array of strings, got an object")]
    [InlineData("""{"text":"x is y","expires":"next week"}""", "'expires' must be an ISO date")]
    [InlineData("""{"text":"x is y","expires":"2001-01-01"}""", "'expires' (2001-01-02 00:00Z) is not in the future")]
    [InlineData("""{"text":"x is y","layer":"working","scope":"user"}""", "layer \"working\" is scratch for this session only")]
    [InlineData("""["x is y"]""", "arguments must be a JSON object, got an array")]
    public async Task Bad_arguments_get_a_clear_error_and_store_nothing(string arguments, string? expected)
    {
        await using var stores = await ToolStores.OpenAsync();

        var result = await stores.InvokeAsync(stores.Save, arguments);

        if (expected is null)
        {
            Assert.False(result.IsError, result.Text);
            return;
        }

        Assert.True(result.IsError);
        Assert.StartsWith("Invalid arguments for memory_save: ", result.Text, StringComparison.Ordinal);
        Assert.Contains(expected, result.Text, StringComparison.Ordinal);
        Assert.Contains("Expected {text: string, layer?:", result.Text, StringComparison.Ordinal);
        Assert.Empty(await stores.Memory.ListAsync(new MemoryListQuery { IncludeHistory = true }, CancellationToken.None));
    }

    [Fact]
    public async Task Every_problem_is_listed_in_one_error()
    {
        await using var stores = await ToolStores.OpenAsync();

        var result = await stores.InvokeAsync(stores.Save, """{"layer":"x","scope":"y","expires":"soon"}""");

        Assert.True(result.IsError);
        Assert.Contains("'text' is required; 'layer' must be one of", result.Text, StringComparison.Ordinal);
        Assert.Contains("; 'scope' must be one of", result.Text, StringComparison.Ordinal);
        Assert.Contains("; 'expires' must be an ISO date", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_longer_than_one_fact_is_refused()
    {
        await using var stores = await ToolStores.OpenAsync();

        var result = await stores.InvokeAsync(stores.Save, $$"""{"text":"{{new string('a', 2_001)}}"}""");

        Assert.True(result.IsError);
        Assert.Contains("'text' is 2001 characters; save one fact of at most 2000 characters per call", result.Text, StringComparison.Ordinal);
    }
}
