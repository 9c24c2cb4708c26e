using Chitin.Memory.Model;
using Chitin.Memory.Sync;
using Chitin.Memory.Tests.Storage;
using Chitin.Storage.Sqlite;

namespace Chitin.Memory.Tests.Sync;

public sealed class SectionSyncTests
{
    private const string File = "AGENTS.md";

    [Fact]
    public async Task A_section_the_user_placed_mid_file_stays_there_and_the_text_after_it_is_untouched()
    {
        await using var harness = await SyncHarness.CreateAsync();
        harness.Write(File, "# Agents\r\n\r\n<!-- chitin:memory:begin -->\r\n<!-- chitin:memory:end -->\r\n\r\n## Manual notes\r\n\r\nKeep this paragraph exactly as it is.  \r\n");
        var item = await harness.SaveAsync("Use conventional commit messages.", MemoryLayer.Procedural, MemoryScope.Project);
        var before = harness.Bytes(File);

        var report = await harness.SyncAsync();

        Assert.Equal([harness.PathOf(File)], report.Export.FilesWritten);
        var text = harness.Text(File);
        Assert.EndsWith("<!-- chitin:memory:end -->\r\n\r\n## Manual notes\r\n\r\nKeep this paragraph exactly as it is.  \r\n", text, StringComparison.Ordinal);
        Assert.StartsWith("# Agents\r\n\r\n<!-- chitin:memory:begin -->\r\n", text, StringComparison.Ordinal);
        FileBytes.AssertRestUnchanged(before, harness.Bytes(File));
        Assert.Equal([item.Text], FileBytes.SectionBullets(harness.Bytes(File)));
        Assert.Empty(Directory.EnumerateFiles(harness.Workspace, "*.chitin-tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_bullet_deleted_from_the_section_ends_its_item_and_an_item_ended_in_the_store_leaves_the_section()
    {
        await using var harness = await SyncHarness.CreateAsync();
        harness.Write(File, "# Agents\n");
        var keep = await harness.SaveAsync("Use conventional commit messages.", MemoryLayer.Procedural, MemoryScope.Project);
        var deleteInFile = await harness.SaveAsync("Squash commits before merging.", MemoryLayer.Procedural, MemoryScope.Project);
        var forgetInStore = await harness.SaveAsync("The staging URL is staging.example.test.", MemoryLayer.Semantic, MemoryScope.Project);
        await harness.SyncAsync();
        Assert.Equal([keep.Text, deleteInFile.Text, forgetInStore.Text], FileBytes.SectionBullets(harness.Bytes(File)));

        harness.Edit(File, $"- Squash commits before merging. <!-- chitin:{deleteInFile.Id} -->\n", "");
        await harness.Store.ForgetAsync(forgetInStore.Id, "staging was retired", CancellationToken.None);
        var report = await harness.SyncAsync();

        Assert.Equal(1, report.Import.Removed);
        Assert.Equal(1, report.Export.Removed);
        var ended = (await harness.Store.GetAsync(deleteInFile.Id, CancellationToken.None))!;
        Assert.Equal($"removed from {harness.PathOf(File)}", ended.EndReason);
        Assert.Equal([keep.Text], FileBytes.SectionBullets(harness.Bytes(File)));
        Assert.StartsWith("# Agents\n", harness.Text(File), StringComparison.Ordinal);

        // Nothing comes back on the next sync.
        var again = await harness.SyncAsync();
        Assert.Equal(0, again.Import.Created + again.Import.Removed + again.Export.Added);
        Assert.Equal([keep.Text], FileBytes.SectionBullets(harness.Bytes(File)));
    }

    [Fact]
    public async Task Items_shared_between_claude_md_and_agents_md_reach_the_other_agents_file()
    {
        await using var harness = await SyncHarness.CreateAsync();
        harness.Write("CLAUDE.md", "# Claude\n\n- Run `make check` before every commit.\n");
        harness.Write(File, "# Agents\n\n- Use pnpm, never npm.\n");

        await harness.SyncAsync();

        Assert.Equal(["Use pnpm, never npm."], FileBytes.SectionBullets(harness.Bytes("CLAUDE.md")));
        Assert.Equal(["Run `make check` before every commit."], FileBytes.SectionBullets(harness.Bytes(File)));

        // An edit in CLAUDE.md reaches AGENTS.md's section on the next sync.
        harness.Edit("CLAUDE.md", "`make check` before every commit.", "`make check` before every push.");
        await harness.SyncAsync();
        Assert.Equal(["Run `make check` before every push."], FileBytes.SectionBullets(harness.Bytes(File)));
        Assert.Equal(2, (await harness.CurrentAsync()).Count);
    }

    [Fact]
    public async Task Two_files_of_the_same_agent_and_role_do_not_both_get_the_same_items()
    {
        await using var harness = await SyncHarness.CreateAsync();
        harness.Write("CLAUDE.md", "# Claude\n");
        harness.Write(".claude/CLAUDE.md", "# More Claude\n");
        await harness.SaveAsync("Use conventional commit messages.", MemoryLayer.Procedural, MemoryScope.Project);

        await harness.SyncAsync();

        Assert.Equal(["Use conventional commit messages."], FileBytes.SectionBullets(harness.Bytes("CLAUDE.md")));
        Assert.Equal("# More Claude\n", harness.Text(".claude/CLAUDE.md"));
    }

    [Fact]
    public async Task The_sync_state_shares_the_database_file_with_the_session_store()
    {
        await using var harness = await SyncHarness.CreateAsync("agents");
        await harness.SyncAsync();

        var sessions = await SqliteChitinStore.OpenAsync(harness.DatabasePath, CancellationToken.None);
        await sessions.DisposeAsync();

        var again = await harness.ImportAsync();
        Assert.Equal(0, again.Created);
    }

    [Fact]
    public async Task A_store_that_is_not_sqlite_needs_a_state_database_path()
    {
        await using var harness = await SyncHarness.CreateAsync("agents");
        var sync = new MarkdownMemorySync(new ForwardingMemoryStore(harness.Store));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sync.ImportAsync(harness.Workspace, harness.Viewer, null, CancellationToken.None));
        Assert.Contains("StateDatabasePath", error.Message, StringComparison.Ordinal);

        var withState = new MarkdownMemorySync(new ForwardingMemoryStore(harness.Store)) { StateDatabasePath = harness.DatabasePath };
        Assert.Equal(6, (await withState.ImportAsync(harness.Workspace, harness.Viewer, null, CancellationToken.None)).Created);
    }
}
