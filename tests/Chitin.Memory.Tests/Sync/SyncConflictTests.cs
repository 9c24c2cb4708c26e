using Chitin.Memory.Model;
using Chitin.Memory.Sync;

namespace Chitin.Memory.Tests.Sync;

public sealed class SyncConflictTests
{
    private const string File = "CLAUDE.md";

    private static async Task<SyncHarness> SyncedAsync(string markdown)
    {
        var harness = await SyncHarness.CreateAsync();
        harness.Write(File, markdown);
        var report = await harness.SyncAsync();
        Assert.Empty(report.Errors);
        return harness;
    }

    [Fact]
    public async Task Same_entry_edited_in_file_and_store_is_reported_and_neither_side_overwritten()
    {
        await using var harness = await SyncedAsync("# Notes\n\n- Deploys go to the staging cluster first.\n");
        var item = await harness.FindAsync("Deploys go to the staging cluster first.");
        harness.Edit(File, "staging cluster first.", "staging cluster first, then canary.");
        await harness.Store.EditAsync(item.Id, "Deploys go to the staging cluster on Fridays.", "store edit", CancellationToken.None);
        var fileBefore = harness.Bytes(File);

        var report = await harness.SyncAsync();

        var conflict = Assert.Single(report.Conflicts);
        Assert.Equal(
            new MemorySyncConflict(harness.PathOf(File), 3, item.Id, MemorySyncConflictKind.EditedInBoth, "Deploys go to the staging cluster first, then canary.", "Deploys go to the staging cluster on Fridays.", "Deploys go to the staging cluster first."),
            conflict);
        Assert.Equal("Deploys go to the staging cluster on Fridays.", (await harness.Store.GetAsync(item.Id, CancellationToken.None))!.Text);
        Assert.Equal(fileBefore, harness.Bytes(File));

        // The user settles it by making the file say what the store says; the next sync is clean and remembers that.
        harness.Edit(File, "first, then canary.", "on Fridays.");
        var settled = await harness.SyncAsync();
        Assert.Empty(settled.Conflicts);
        Assert.Empty((await harness.SyncAsync()).Conflicts);
        Assert.Single(await harness.CurrentAsync(), i => i.Text.StartsWith("Deploys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Section_bullet_edited_in_both_keeps_the_files_text_in_the_section()
    {
        await using var harness = await SyncHarness.CreateAsync();
        harness.Write(File, "# Notes\n");
        var item = await harness.SaveAsync("The staging database is refreshed nightly.", MemoryLayer.Semantic, MemoryScope.Project);
        await harness.SyncAsync();
        harness.Edit(File, "refreshed nightly.", "refreshed every night at 03:00.");
        await harness.Store.EditAsync(item.Id, "The staging database is refreshed weekly.", "store edit", CancellationToken.None);
        var fileBefore = harness.Bytes(File);

        var report = await harness.SyncAsync();

        Assert.Equal(MemorySyncConflictKind.EditedInBoth, Assert.Single(report.Conflicts).Kind);
        Assert.Equal(fileBefore, harness.Bytes(File));
        Assert.Equal("The staging database is refreshed weekly.", (await harness.Store.GetAsync(item.Id, CancellationToken.None))!.Text);
    }

    [Fact]
    public async Task Entry_removed_from_the_file_but_edited_in_the_store_is_a_conflict_and_stays_current()
    {
        await using var harness = await SyncedAsync("- Releases are tagged vX.Y.Z.\n- Changelog entries are written by hand.\n");
        var item = await harness.FindAsync("Releases are tagged vX.Y.Z.");
        harness.Edit(File, "- Releases are tagged vX.Y.Z.\n", "");
        await harness.Store.EditAsync(item.Id, "Releases are tagged release-X.Y.Z.", "store edit", CancellationToken.None);

        var report = await harness.SyncAsync();

        var conflict = Assert.Single(report.Conflicts);
        Assert.Equal((MemorySyncConflictKind.RemovedInFileEditedInStore, (string?)null, 1), (conflict.Kind, conflict.FileText, conflict.Line));
        Assert.True((await harness.Store.GetAsync(item.Id, CancellationToken.None))!.IsCurrent(DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Entry_edited_in_the_file_after_its_item_ended_is_a_conflict()
    {
        await using var harness = await SyncedAsync("- The CI runs on GitHub Actions.\n");
        var item = await harness.FindAsync("The CI runs on GitHub Actions.");
        await harness.Store.ForgetAsync(item.Id, "moved to Buildkite", CancellationToken.None);
        harness.Edit(File, "GitHub Actions.", "GitHub Actions and Buildkite.");

        var report = await harness.SyncAsync();

        Assert.Equal(MemorySyncConflictKind.EditedInFileEndedInStore, Assert.Single(report.Conflicts).Kind);
        Assert.DoesNotContain(await harness.CurrentAsync(), i => i.Text.Contains("Buildkite", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Entry_whose_item_ended_in_the_store_is_not_imported_again_and_is_reported()
    {
        await using var harness = await SyncedAsync("- The CI runs on GitHub Actions.\n");
        var item = await harness.FindAsync("The CI runs on GitHub Actions.");
        await harness.Store.ForgetAsync(item.Id, "moved to Buildkite", CancellationToken.None);

        var report = await harness.SyncAsync();

        Assert.Empty(report.Conflicts);
        Assert.Equal(0, report.Import.Created);
        var notice = Assert.Single(report.Import.Notices);
        Assert.Equal((item.Id, 1), (notice.ItemId, notice.Line));
        Assert.Contains("moved to Buildkite", notice.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.CurrentAsync());
    }

    [Fact]
    public async Task Entry_edited_only_in_the_store_is_left_alone_in_the_users_text_with_a_notice()
    {
        await using var harness = await SyncedAsync("- The API listens on port 8080.\n");
        var item = await harness.FindAsync("The API listens on port 8080.");
        await harness.Store.EditAsync(item.Id, "The API listens on port 9090.", "store edit", CancellationToken.None);
        var before = harness.Bytes(File);

        var report = await harness.SyncAsync();

        Assert.Empty(report.Conflicts);
        Assert.Contains(report.Import.Notices, n => n.ItemId == item.Id && n.Message.Contains("port 9090", StringComparison.Ordinal));
        Assert.Equal("The API listens on port 9090.", (await harness.Store.GetAsync(item.Id, CancellationToken.None))!.Text);
        Assert.Equal(before, harness.Bytes(File));
    }
}
