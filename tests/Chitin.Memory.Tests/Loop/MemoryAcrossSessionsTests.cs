using Chitin.Memory.Model;

namespace Chitin.Memory.Tests.Loop;

/// <summary>Memory through the real loop: what one session saves, later sessions know; newer facts replace older ones.</summary>
public sealed class MemoryAcrossSessionsTests
{
    [Fact]
    public async Task A_fact_saved_in_one_session_is_in_the_next_sessions_digest_and_found_by_memory_search()
    {
        await using var loop = await MemoryLoop.StartAsync();

        var saved = await loop.RunAsync("""memory_save {"text":"The user's preferred editor is Helix.","subject":"user.editor","tags":["tools"]}""");
        var id = MemoryLoop.IdIn(saved.FinalText);
        Assert.StartsWith($"Saved as {id} (semantic, user scope)", saved.FinalText, StringComparison.Ordinal);
        var firstPrompt = loop.AgentRequests[0].Parsed!.SystemPrompt!;
        Assert.DoesNotContain("Helix", firstPrompt, StringComparison.Ordinal);

        var found = await loop.RunAsync("""memory_search {"query":"which editor does the user prefer"}""");

        Assert.NotEqual(saved.SessionId, found.SessionId);
        var secondSession = loop.AgentRequests.Skip(2).ToList();
        var digestPrompt = secondSession[0].Parsed!.SystemPrompt!;
        Assert.Contains("The user's preferred editor is Helix.", digestPrompt, StringComparison.Ordinal);
        Assert.StartsWith(firstPrompt[..200], digestPrompt, StringComparison.Ordinal);
        var toolResult = secondSession[1].Parsed!.LastToolResults.Single().Content;
        Assert.Contains($"1. {id} · semantic · user · ", toolResult, StringComparison.Ordinal);
        Assert.Contains("The user's preferred editor is Helix.", toolResult, StringComparison.Ordinal);
        Assert.Equal(toolResult, found.FinalText);

        var item = await loop.Memory.GetAsync(id, CancellationToken.None);
        Assert.NotNull(item);
        Assert.Equal(new MemorySource(MemorySourceKind.Session, saved.SessionId), item.Source);
        Assert.Equal(["tools"], item.Tags);
    }

    [Fact]
    public async Task A_newer_fact_about_the_same_subject_supersedes_the_older_one_which_keeps_its_history()
    {
        await using var loop = await MemoryLoop.StartAsync();
        var older = MemoryLoop.IdIn((await loop.RunAsync("""memory_save {"text":"The user's editor is Vim.","subject":"user.editor"}""")).FinalText);

        var replaced = await loop.RunAsync("""memory_save {"text":"The user's editor is now Helix; they switched from Vim.","subject":"user.editor"}""");

        var newer = MemoryLoop.IdIn(replaced.FinalText);
        Assert.NotEqual(older, newer);
        Assert.Contains($"it replaces {older} (kept in history)", replaced.FinalText, StringComparison.Ordinal);

        var search = await loop.RunAsync("""memory_search {"query":"user editor"}""");
        Assert.Contains(newer, search.FinalText, StringComparison.Ordinal);
        Assert.DoesNotContain(older, search.FinalText, StringComparison.Ordinal);
        var thirdSessionPrompt = loop.AgentRequests[^2].Parsed!.SystemPrompt!;
        Assert.Contains("The user's editor is now Helix", thirdSessionPrompt, StringComparison.Ordinal);
        Assert.DoesNotContain("The user's editor is Vim.", thirdSessionPrompt, StringComparison.Ordinal);

        var withHistory = await loop.Memory.SearchAsync(
            new MemorySearchQuery { Text = "user editor", Viewer = new MemoryViewer("default", loop.Workspace), IncludeHistory = true, Limit = 10 },
            CancellationToken.None);
        Assert.Equal(newer, withHistory[0].Item.Id);
        Assert.Contains(withHistory, h => h.Item.Id == older);

        var old = await loop.Memory.GetAsync(older, CancellationToken.None);
        Assert.NotNull(old);
        Assert.NotNull(old.ValidTo);
        Assert.Equal(newer, old.SupersededBy);
        Assert.Equal(older, (await loop.Memory.GetAsync(newer, CancellationToken.None))!.Supersedes);
        var history = await loop.Memory.GetHistoryAsync(older, CancellationToken.None);
        Assert.Equal([MemoryChangeKind.Created, MemoryChangeKind.Superseded], history.Select(h => h.Change));
        Assert.All(history, h => Assert.Equal("The user's editor is Vim.", h.Text));
        Assert.Equal(newer, history[^1].RelatedId);
    }

    [Fact]
    public async Task Saving_the_same_fact_again_reports_it_as_known_and_stores_nothing_new()
    {
        await using var loop = await MemoryLoop.StartAsync();
        const string save = """memory_save {"text":"The project's tests run with `make check`.","layer":"procedural","scope":"project"}""";
        var first = MemoryLoop.IdIn((await loop.RunAsync(save)).FinalText);

        var again = await loop.RunAsync(save);

        Assert.Equal($"Already known as {first} (procedural, project scope); nothing new stored.", again.FinalText);
        var all = await loop.Memory.ListAsync(new MemoryListQuery(), CancellationToken.None);
        Assert.Equal(first, Assert.Single(all).Id);
        Assert.Equal(loop.Workspace, all[0].ScopeKey);
    }

    [Fact]
    public async Task Memory_forget_ends_an_item_that_then_no_longer_shows_but_keeps_its_history()
    {
        await using var loop = await MemoryLoop.StartAsync();
        var id = MemoryLoop.IdIn((await loop.RunAsync("""memory_save {"text":"The user is on holiday until Friday.","layer":"episodic"}""")).FinalText);

        var forgot = await loop.RunAsync($$"""memory_forget {"id":"{{id}}","reason":"the holiday is over"}""");

        Assert.StartsWith($"Forgot {id}", forgot.FinalText, StringComparison.Ordinal);
        var search = await loop.RunAsync("""memory_search {"query":"holiday"}""");
        Assert.DoesNotContain(id, search.FinalText, StringComparison.Ordinal);
        var item = await loop.Memory.GetAsync(id, CancellationToken.None);
        Assert.NotNull(item);
        Assert.NotNull(item.ValidTo);
        Assert.Contains("the holiday is over", item.EndReason, StringComparison.Ordinal);
        var history = await loop.Memory.GetHistoryAsync(id, CancellationToken.None);
        Assert.Equal(MemoryChangeKind.Forgotten, history[^1].Change);
        Assert.Equal("The user is on holiday until Friday.", history[^1].Text);
    }
}
