using Chitin.Memory.Model;
using Chitin.Memory.Storage;
using static Chitin.Memory.Tests.Storage.MemoryStoreFolder;

namespace Chitin.Memory.Tests.Storage;

public sealed class SqliteMemoryStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Save_then_get_list_and_history_return_every_field()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        var expires = ManualClock.Start.AddDays(30);

        var result = await store.SaveAsync(
            Draft("The deploy target is the staging cluster", MemoryScope.Project, MemoryLayer.Procedural) with
            {
                Tags = ["deploy", " ops ", "DEPLOY", ""],
                Pinned = true,
                ExpiresAt = expires,
                Source = new MemorySource(MemorySourceKind.Import, "/notes/MEMORY.md", 7),
            },
            Writer,
            None);

        Assert.Equal(MemorySaveAction.Created, result.Action);
        var item = result.Item;
        Assert.Matches("^mem_[0-9a-f]{16}$", item.Id);
        Assert.Equal(MemoryScope.Project, item.Scope);
        Assert.Equal("/work/project-a", item.ScopeKey);
        Assert.Equal(MemoryLayer.Procedural, item.Layer);
        Assert.Equal("deploy-target", item.Subject);
        Assert.Equal(["deploy", "ops"], item.Tags);
        Assert.True(item.Pinned);
        Assert.Equal(new MemorySource(MemorySourceKind.Import, "/notes/MEMORY.md", 7), item.Source);
        Assert.Equal(ManualClock.Start, item.CreatedAt);
        Assert.Equal(ManualClock.Start, item.ValidFrom);
        Assert.Equal(expires, item.ExpiresAt);
        Assert.Null(item.ValidTo);

        AssertSameItem(item, await store.GetAsync(item.Id, None));
        Assert.Null(await store.GetAsync("mem_0000000000000000", None));
        var listed = Assert.Single(await store.ListAsync(new MemoryListQuery { SourceReference = "/notes/MEMORY.md" }, None));
        AssertSameItem(item, listed);
        var created = Assert.Single(await store.GetHistoryAsync(item.Id, None));
        Assert.Equal(MemoryChangeKind.Created, created.Change);
        Assert.Equal("The deploy target is the staging cluster", created.Text);
    }

    [Fact]
    public async Task Saving_the_same_fact_again_is_a_duplicate_that_merges_tags()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        var first = await store.SaveAsync(Draft("The user prefers tabs over spaces.") with { Tags = ["style"] }, Writer, None);

        var again = await store.SaveAsync(Draft("the user prefers TABS over spaces") with { Tags = ["Style", "editor"] }, Writer, None);

        Assert.Equal(MemorySaveAction.Duplicate, again.Action);
        Assert.Equal(first.Item.Id, again.Item.Id);
        Assert.Equal(["style", "editor"], again.Item.Tags);
        Assert.Single(await store.ListAsync(new MemoryListQuery(), None));
        var history = await store.GetHistoryAsync(first.Item.Id, None);
        Assert.Equal([MemoryChangeKind.Created, MemoryChangeKind.Edited], history.Select(h => h.Change));
        Assert.Contains("editor", history[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_in_another_scope_or_layer_is_a_separate_item()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        await store.SaveAsync(Draft("Builds run on Linux"), Writer, None);

        var project = await store.SaveAsync(Draft("Builds run on Linux", MemoryScope.Project), Writer, None);
        var episodic = await store.SaveAsync(Draft("Builds run on Linux", layer: MemoryLayer.Episodic), Writer, None);

        Assert.Equal(MemorySaveAction.Created, project.Action);
        Assert.Equal(MemorySaveAction.Created, episodic.Action);
        Assert.Equal(3, (await store.ListAsync(new MemoryListQuery(), None)).Count);
    }

    [Fact]
    public async Task A_newer_fact_about_the_same_subject_supersedes_and_keeps_the_history()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        var old = await store.SaveAsync(Draft("The user's preferred editor is Vim"), Writer, None);
        folder.Clock.Advance(TimeSpan.FromDays(3));

        var newer = await store.SaveAsync(Draft("User prefers Helix as editor"), Writer, None);

        Assert.Equal(MemorySaveAction.Superseded, newer.Action);
        Assert.Equal([old.Item.Id], newer.SupersededIds);
        Assert.Equal(old.Item.Id, newer.Item.Supersedes);
        var ended = (await store.GetAsync(old.Item.Id, None))!;
        Assert.Equal(folder.Clock.Now, ended.ValidTo);
        Assert.Equal(newer.Item.Id, ended.SupersededBy);
        Assert.Equal($"superseded by {newer.Item.Id}", ended.EndReason);
        Assert.False(ended.IsCurrent(folder.Clock.Now));

        var oldHistory = await store.GetHistoryAsync(old.Item.Id, None);
        Assert.Equal([MemoryChangeKind.Created, MemoryChangeKind.Superseded], oldHistory.Select(h => h.Change));
        Assert.Equal("The user's preferred editor is Vim", oldHistory[1].Text);
        Assert.Equal(newer.Item.Id, oldHistory[1].RelatedId);
        var newHistory = Assert.Single(await store.GetHistoryAsync(newer.Item.Id, None));
        Assert.Equal(old.Item.Id, newHistory.RelatedId);
    }

    [Theory]
    [InlineData(RetrievalMode.Hybrid)]
    [InlineData(RetrievalMode.Lexical)]
    [InlineData(RetrievalMode.Vector)]
    public async Task Search_hides_the_superseded_fact_unless_history_is_asked_and_then_ranks_the_newer_first(RetrievalMode mode)
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        var old = await store.SaveAsync(Draft("The user's editor is Vim"), Writer, None);
        folder.Clock.Advance(TimeSpan.FromDays(1));
        var newer = await store.SaveAsync(Draft("The user's editor is Helix"), Writer, None);

        var current = await store.SearchAsync(new MemorySearchQuery { Text = "which editor does the user use", Viewer = Writer, Mode = mode }, None);
        var withHistory = await store.SearchAsync(
            new MemorySearchQuery { Text = "user editor", Viewer = Writer, Mode = RetrievalMode.Hybrid, IncludeHistory = true },
            None);

        Assert.Equal([newer.Item.Id], current.Select(h => h.Item.Id));
        Assert.Equal([newer.Item.Id, old.Item.Id], withHistory.Select(h => h.Item.Id));
        Assert.True(withHistory[0].Score > withHistory[1].Score);
    }

    [Fact]
    public async Task An_ambiguous_fact_without_a_judge_records_a_conflict_that_each_resolution_settles()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        var dark = await store.SaveAsync(Draft("User prefers dark mode"), Writer, None);

        var light = await store.SaveAsync(Draft("User prefers light mode"), Writer, None);

        Assert.Equal(MemorySaveAction.Conflict, light.Action);
        Assert.Equal([dark.Item.Id], light.ConflictIds);
        var conflict = Assert.Single(await store.ListConflictsAsync(None));
        Assert.Equal(dark.Item.Id, conflict.Existing.Id);
        Assert.Equal(light.Item.Id, conflict.Incoming.Id);
        Assert.Contains("no judge", conflict.Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await store.GetStatsAsync(None)).OpenConflicts);
        Assert.Equal(2, (await store.SearchAsync(new MemorySearchQuery { Text = "mode", Viewer = Writer }, None)).Count);

        await store.ResolveConflictAsync(conflict.Id, ConflictResolution.KeepIncoming, None);

        Assert.Empty(await store.ListConflictsAsync(None));
        var loser = (await store.GetAsync(dark.Item.Id, None))!;
        Assert.Equal(light.Item.Id, loser.SupersededBy);
        Assert.Equal(dark.Item.Id, (await store.GetAsync(light.Item.Id, None))!.Supersedes);
        Assert.Equal(
            [MemoryChangeKind.Created, MemoryChangeKind.Superseded, MemoryChangeKind.ConflictResolved],
            (await store.GetHistoryAsync(dark.Item.Id, None)).Select(h => h.Change));
        Assert.Equal(
            [MemoryChangeKind.Created, MemoryChangeKind.ConflictResolved],
            (await store.GetHistoryAsync(light.Item.Id, None)).Select(h => h.Change));
        var again = await Assert.ThrowsAsync<MemoryStoreException>(() => store.ResolveConflictAsync(conflict.Id, ConflictResolution.KeepBoth, None));
        Assert.Equal(MemoryStoreErrorKind.ConflictAlreadyResolved, again.Kind);
        var missing = await Assert.ThrowsAsync<MemoryStoreException>(() => store.ResolveConflictAsync(999, ConflictResolution.KeepBoth, None));
        Assert.Equal(MemoryStoreErrorKind.ConflictNotFound, missing.Kind);
    }

    [Fact]
    public async Task Keep_existing_ends_the_incoming_item_and_keep_both_ends_neither()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        var a = await store.SaveAsync(Draft("The project uses PostgreSQL 15"), Writer, None);
        var b = await store.SaveAsync(Draft("The project uses PostgreSQL 16"), Writer, None);
        var c = await store.SaveAsync(Draft("Team standup happens at 9:30"), Writer, None);
        var d = await store.SaveAsync(Draft("Team standup happens at 10:30"), Writer, None);
        var conflicts = await store.ListConflictsAsync(None);
        Assert.Equal(2, conflicts.Count);

        await store.ResolveConflictAsync(conflicts.Single(x => x.Incoming.Id == b.Item.Id).Id, ConflictResolution.KeepExisting, None);
        await store.ResolveConflictAsync(conflicts.Single(x => x.Incoming.Id == d.Item.Id).Id, ConflictResolution.KeepBoth, None);

        Assert.Equal(a.Item.Id, (await store.GetAsync(b.Item.Id, None))!.SupersededBy);
        Assert.Null((await store.GetAsync(a.Item.Id, None))!.ValidTo);
        Assert.Null((await store.GetAsync(c.Item.Id, None))!.ValidTo);
        Assert.Null((await store.GetAsync(d.Item.Id, None))!.ValidTo);
        Assert.Empty(await store.ListConflictsAsync(None));
    }

    [Fact]
    public async Task A_conflict_is_moot_once_either_side_has_ended()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        var dark = await store.SaveAsync(Draft("User prefers dark mode"), Writer, None);
        await store.SaveAsync(Draft("User prefers light mode"), Writer, None);
        Assert.Equal(1, (await store.GetStatsAsync(None)).OpenConflicts);

        await store.ForgetAsync(dark.Item.Id, "not true any more", None);

        Assert.Empty(await store.ListConflictsAsync(None));
        Assert.Equal(0, (await store.GetStatsAsync(None)).OpenConflicts);
    }

    [Fact]
    public async Task Expired_items_leave_search_list_and_superseding_but_stay_in_history()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        var promo = await store.SaveAsync(Draft("The office wifi password is hunter2") with { ExpiresAt = ManualClock.Start.AddDays(7) }, Writer, None);
        var search = new MemorySearchQuery { Text = "wifi password", Viewer = Writer };
        Assert.Single(await store.SearchAsync(search, None));

        folder.Clock.Advance(TimeSpan.FromDays(8));

        Assert.Empty(await store.SearchAsync(search, None));
        Assert.Empty(await store.SearchAsync(search with { Mode = RetrievalMode.Vector }, None));
        Assert.Empty(await store.ListAsync(new MemoryListQuery(), None));
        Assert.Equal(promo.Item.Id, Assert.Single(await store.SearchAsync(search with { IncludeHistory = true }, None)).Item.Id);
        Assert.Equal(promo.Item.Id, Assert.Single(await store.ListAsync(new MemoryListQuery { IncludeHistory = true }, None)).Id);
        var stats = await store.GetStatsAsync(None);
        Assert.Equal((1L, 0L, 1L), (stats.Total, stats.Current, stats.Expired));

        // The same text saved again is a new current item, not a duplicate of the expired one.
        var again = await store.SaveAsync(Draft("The office wifi password is hunter2"), Writer, None);
        Assert.Equal(MemorySaveAction.Created, again.Action);
    }

    [Fact]
    public async Task Forget_ends_an_item_with_its_reason_and_is_idempotent()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        var saved = await store.SaveAsync(Draft("The user is training for a marathon"), Writer, None);

        var forgotten = await store.ForgetAsync(saved.Item.Id, "the race is over", None);
        var again = await store.ForgetAsync(saved.Item.Id, "twice", None);

        Assert.Equal("the race is over", forgotten!.EndReason);
        Assert.Equal(ManualClock.Start, forgotten.ValidTo);
        AssertSameItem(forgotten, again);
        Assert.Null(await store.ForgetAsync("mem_ffffffffffffffff", "nothing", None));
        Assert.Empty(await store.SearchAsync(new MemorySearchQuery { Text = "marathon", Viewer = Writer }, None));
        var history = await store.GetHistoryAsync(saved.Item.Id, None);
        Assert.Equal([MemoryChangeKind.Created, MemoryChangeKind.Forgotten], history.Select(h => h.Change));
        Assert.Equal("the race is over", history[1].Reason);
    }

    [Fact]
    public async Task Edit_changes_the_text_in_place_and_keeps_the_old_text_in_the_history()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        var saved = await store.SaveAsync(Draft("The user's editor is Vim"), Writer, None);
        folder.Clock.Advance(TimeSpan.FromMinutes(5));

        var edited = await store.EditAsync(saved.Item.Id, "The user's shell is fish", "edited in MEMORY.md", None);

        Assert.Equal(saved.Item.Id, edited.Id);
        Assert.Equal("The user's shell is fish", edited.Text);
        Assert.Equal("user.shell", edited.Subject);
        Assert.Equal(folder.Clock.Now, edited.UpdatedAt);
        var history = await store.GetHistoryAsync(saved.Item.Id, None);
        Assert.Equal(["The user's editor is Vim", "The user's shell is fish"], history.Select(h => h.Text));
        Assert.Equal("edited in MEMORY.md", history[1].Reason);
        Assert.Equal(saved.Item.Id, Assert.Single(await store.SearchAsync(new MemorySearchQuery { Text = "fish shell", Viewer = Writer }, None)).Item.Id);
        Assert.Empty(await store.SearchAsync(new MemorySearchQuery { Text = "vim", Viewer = Writer, Mode = RetrievalMode.Lexical }, None));

        var missing = await Assert.ThrowsAsync<MemoryStoreException>(() => store.EditAsync("mem_0123456789abcdef", "x", "r", None));
        Assert.Equal(MemoryStoreErrorKind.ItemNotFound, missing.Kind);
        await store.ForgetAsync(saved.Item.Id, "gone", None);
        var ended = await Assert.ThrowsAsync<MemoryStoreException>(() => store.EditAsync(saved.Item.Id, "y", "r", None));
        Assert.Equal(MemoryStoreErrorKind.ItemNotCurrent, ended.Kind);
    }

    [Fact]
    public async Task Pin_and_unpin_are_recorded_and_listed()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        var saved = await store.SaveAsync(Draft("Always answer in British English"), Writer, None);
        await store.SaveAsync(Draft("The user has a cat named Miso"), Writer, None);

        var pinned = await store.SetPinnedAsync(saved.Item.Id, true, None);
        await store.SetPinnedAsync(saved.Item.Id, true, None);
        Assert.True(pinned.Pinned);
        Assert.Equal(saved.Item.Id, Assert.Single(await store.ListAsync(new MemoryListQuery { PinnedOnly = true }, None)).Id);

        await store.SetPinnedAsync(saved.Item.Id, false, None);

        Assert.Empty(await store.ListAsync(new MemoryListQuery { PinnedOnly = true }, None));
        Assert.Equal(
            [MemoryChangeKind.Created, MemoryChangeKind.Pinned, MemoryChangeKind.Unpinned],
            (await store.GetHistoryAsync(saved.Item.Id, None)).Select(h => h.Change));
        var missing = await Assert.ThrowsAsync<MemoryStoreException>(() => store.SetPinnedAsync("mem_0123456789abcdef", true, None));
        Assert.Equal(MemoryStoreErrorKind.ItemNotFound, missing.Kind);
    }

    [Fact]
    public async Task Delete_removes_the_item_its_conflicts_and_its_texts_but_keeps_the_history_entries()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        var a = await store.SaveAsync(Draft("User prefers dark mode"), Writer, None);
        var b = await store.SaveAsync(Draft("User prefers light mode"), Writer, None);
        Assert.Single(await store.ListConflictsAsync(None));

        Assert.True(await store.DeleteAsync(a.Item.Id, None));
        Assert.False(await store.DeleteAsync(a.Item.Id, None));

        Assert.Null(await store.GetAsync(a.Item.Id, None));
        Assert.Empty(await store.ListConflictsAsync(None));
        Assert.Equal(b.Item.Id, Assert.Single(await store.SearchAsync(new MemorySearchQuery { Text = "dark mode", Viewer = Writer }, None)).Item.Id);
        var history = await store.GetHistoryAsync(a.Item.Id, None);
        Assert.Equal([MemoryChangeKind.Created, MemoryChangeKind.Deleted], history.Select(h => h.Change));
        Assert.All(history, h => Assert.Equal("", h.Text));
    }

    [Fact]
    public async Task List_filters_pages_newest_first_and_respects_the_viewer()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await store.SaveAsync(Draft($"Fact number {i} about gardening {i * 7}") with { Source = new MemorySource(MemorySourceKind.Session, "ses_1") }, Writer, None)).Item.Id);
            folder.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        await store.SaveAsync(Draft("Private note of agent B", MemoryScope.Agent), Writer with { Agent = "b" }, None);

        var page = await store.ListAsync(new MemoryListQuery { SourceKind = MemorySourceKind.Session, Limit = 2, Offset = 1 }, None);
        Assert.Equal([ids[3], ids[2]], page.Select(i => i.Id));
        Assert.Equal(6, (await store.ListAsync(new MemoryListQuery(), None)).Count);
        Assert.Equal(5, (await store.ListAsync(new MemoryListQuery { Viewer = Writer }, None)).Count);
        Assert.Single(await store.ListAsync(new MemoryListQuery { Scopes = [MemoryScope.Agent] }, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListAsync(new MemoryListQuery { Limit = 0 }, None));
    }

    [Fact]
    public async Task Bad_drafts_get_clear_errors_and_store_nothing()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();

        var empty = await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(Draft("   "), Writer, None));
        var huge = await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(Draft(new string('x', 20_000)), Writer, None));
        var noSession = await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(Draft("scratch", MemoryScope.Session), Writer with { SessionId = null }, None));

        Assert.Contains("empty", empty.Message, StringComparison.Ordinal);
        Assert.Contains("16,000", huge.Message, StringComparison.Ordinal);
        Assert.Contains("session", noSession.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await store.GetStatsAsync(None)).Total);
    }

    [Fact]
    public async Task Stats_count_current_ended_pinned_and_group_by_layer_and_scope()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        await store.SaveAsync(Draft("The user's editor is Vim") with { Pinned = true }, Writer, None);
        await store.SaveAsync(Draft("The user's editor is Helix"), Writer, None);
        await store.SaveAsync(Draft("Run the tests with make check", MemoryScope.Project, MemoryLayer.Procedural), Writer, None);

        var stats = await store.GetStatsAsync(None);

        Assert.Equal((3L, 2L, 1L, 0L), (stats.Total, stats.Current, stats.Superseded, stats.Pinned));
        Assert.Equal(new Dictionary<string, long> { ["procedural"] = 1, ["semantic"] = 1 }, stats.ByLayer);
        Assert.Equal(new Dictionary<string, long> { ["project"] = 1, ["user"] = 1 }, stats.ByScope);
        Assert.Contains("lexical, not semantic", stats.Embedder, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopening_the_file_finds_everything_including_vectors_history_and_conflicts()
    {
        await using var folder = new MemoryStoreFolder();
        string keptId, endedId;
        await using (var first = await SqliteMemoryStore.OpenAsync(folder.DatabasePath, new MemoryStoreOptions { Time = folder.Clock }, None))
        {
            endedId = (await first.SaveAsync(Draft("The user's editor is Vim"), Writer, None)).Item.Id;
            keptId = (await first.SaveAsync(Draft("The user's editor is Helix"), Writer, None)).Item.Id;
            await first.SaveAsync(Draft("User prefers dark mode"), Writer, None);
            await first.SaveAsync(Draft("User prefers light mode"), Writer, None);
        }

        var reopened = await folder.OpenAsync();
        await reopened.EnsureVectorsAsync(None);

        Assert.Equal(4, reopened.VectorCount);
        Assert.Equal(keptId, (await reopened.SearchAsync(new MemorySearchQuery { Text = "helix editor", Viewer = Writer, Mode = RetrievalMode.Vector }, None))[0].Item.Id);
        Assert.Equal(keptId, (await reopened.GetAsync(endedId, None))!.SupersededBy);
        Assert.Equal(2, (await reopened.GetHistoryAsync(endedId, None)).Count);
        Assert.Single(await reopened.ListConflictsAsync(None));
    }

    [Fact]
    public async Task Concurrent_saves_and_searches_all_complete_and_every_save_is_stored()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();

        var saves = Enumerable.Range(0, 40).Select(i => store.SaveAsync(Draft($"Machine {i} is in rack R{i}x"), Writer with { SessionId = $"ses_{i}" }, None));
        var searches = Enumerable.Range(0, 20).Select(i => store.SearchAsync(new MemorySearchQuery { Text = $"rack R{i}x", Viewer = Writer }, None));
        await Task.WhenAll(saves.Cast<Task>().Concat(searches));

        Assert.Equal(40, (await store.GetStatsAsync(None)).Current);
        Assert.Equal("Machine 17 is in rack R17x", (await store.SearchAsync(new MemorySearchQuery { Text = "rack R17x", Viewer = Writer }, None))[0].Item.Text);
    }

    [Fact]
    public async Task A_disposed_store_refuses_calls()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetAsync("mem_0123456789abcdef", None));
    }
}
