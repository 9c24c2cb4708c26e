using Chitin.Memory.Model;

namespace Chitin.Memory.Tests.Sync;

public sealed class OpenClawSyncTests
{
    private const string LongTerm = "MEMORY.md";
    private const string Day27 = "memory/2026-03-27.md";
    private const string Day28 = "memory/2026-03-28.md";

    [Fact]
    public async Task Import_reads_long_term_memory_and_daily_logs_by_name()
    {
        await using var harness = await SyncHarness.CreateAsync("openclaw");

        var report = await harness.ImportAsync();

        Assert.Equal([harness.PathOf(LongTerm), harness.PathOf(Day27), harness.PathOf(Day28)], report.Files);
        Assert.Empty(report.Errors);
        Assert.Equal(11, report.Created + report.Superseded);

        var longTerm = await harness.ImportedFromAsync(LongTerm);
        Assert.Equal(
            [
                "Durable facts and decisions. Daily notes live in memory/.",
                "Sam lives in Lisbon and works remotely for a logistics company.",
                "Sam prefers short answers with the command first.",
                "Sam's partner is called Rui.",
                "The home server runs Debian 12; upgrades happen on the first Sunday of the month.",
                "Backups go to the NAS at 02:00 and to cloud storage weekly.",
                "Backups go to the NAS at 02:00 and to cloud storage weekly. Restore test: every quarter, restore one folder and compare checksums.",
            ],
            longTerm.Select(i => i.Text));
        var partner = longTerm.Single(i => i.Text == "Sam's partner is called Rui.");
        Assert.Equal(new MemorySource(MemorySourceKind.Import, harness.PathOf(LongTerm), 15), partner.Source);
        Assert.Equal(MemoryScope.User, partner.Scope);
        Assert.Equal(MemoryLayer.Semantic, partner.Layer);
        Assert.Contains("openclaw", partner.Tags);
        Assert.Contains("about-sam", partner.Tags);
        Assert.DoesNotContain(await harness.CurrentAsync(), i => i.Text.Contains("rsync", StringComparison.Ordinal) || i.Text.Contains("10.0.0.5", StringComparison.Ordinal) || i.Text.Contains("wifi", StringComparison.Ordinal) || i.Text.Contains("Be warm", StringComparison.Ordinal));

        var daily = await harness.ImportedFromAsync(Day28);
        Assert.Equal(["Fixed the broken cron job on the home server (wrong PATH).", "Sam said the new backup schedule works well and wants the same for the laptop."], daily.Select(i => i.Text));
        Assert.All(daily, i => Assert.Equal(MemoryLayer.Episodic, i.Layer));
        Assert.All(daily, i => Assert.Equal(new DateTimeOffset(2026, 3, 28, 0, 0, 0, TimeSpan.Zero), i.ValidFrom));
        Assert.Equal(["morning"], daily[0].Tags);
        Assert.Equal([5, 9], daily.Select(i => i.Source.Line));
    }

    [Fact]
    public async Task Reimport_stores_nothing_twice()
    {
        await using var harness = await SyncHarness.CreateAsync("openclaw");
        var first = await harness.ImportAsync();
        var before = (await harness.CurrentAsync()).Select(i => i.Id).Order().ToList();

        await harness.ReopenAsync();
        var second = await harness.ImportAsync();

        Assert.Equal(0, second.Created + second.Superseded + second.Updated + second.Removed);
        Assert.Equal(first.Created + first.Superseded, second.Unchanged);
        Assert.Equal(before, (await harness.CurrentAsync()).Select(i => i.Id).Order().ToList());
    }

    [Fact]
    public async Task Sync_round_trip_takes_in_file_edits_and_writes_store_changes_only_in_its_section()
    {
        await using var harness = await SyncHarness.CreateAsync("openclaw");
        var helix = await harness.SaveAsync("Sam's favourite editor is Helix.", MemoryLayer.Semantic, MemoryScope.User);
        var disk = await harness.SaveAsync("Ordered a second NAS disk for the mirror.", MemoryLayer.Episodic, MemoryScope.User, new DateTimeOffset(2026, 3, 28, 18, 0, 0, TimeSpan.Zero));
        var trip = await harness.SaveAsync("Booked the train to Porto for the weekend.", MemoryLayer.Episodic, MemoryScope.User, new DateTimeOffset(2026, 3, 29, 9, 0, 0, TimeSpan.Zero));
        var originalLongTerm = harness.Bytes(LongTerm);
        var originalDay28 = harness.Bytes(Day28);
        var originalDay27 = harness.Bytes(Day27);

        var first = await harness.SyncAsync();

        Assert.Empty(first.Errors);
        Assert.Equal(11, first.Import.Created + first.Import.Superseded);
        FileBytes.AssertSectionAppended(originalLongTerm, harness.Bytes(LongTerm));
        FileBytes.AssertSectionAppended(originalDay28, harness.Bytes(Day28));
        Assert.Equal(originalDay27, harness.Bytes(Day27));
        Assert.Equal([helix.Text], FileBytes.SectionBullets(harness.Bytes(LongTerm)));
        Assert.Equal([disk.Text], FileBytes.SectionBullets(harness.Bytes(Day28)));
        Assert.Equal([trip.Text], FileBytes.SectionBullets(harness.Bytes("memory/2026-03-29.md")));
        Assert.Contains($"<!-- chitin:{helix.Id} -->", harness.Text(LongTerm), StringComparison.Ordinal);

        // Between syncs: the user (or OpenClaw) edits, adds and deletes bullets; Chitin's store changes an item too.
        var partner = await harness.FindAsync("Sam's partner is called Rui.");
        var brevity = await harness.FindAsync("Sam prefers short answers with the command first.");
        harness.Edit(LongTerm, "- Sam's partner is called Rui.\n", "- Sam's partner is called Rui Costa.\n- Sam is learning to play the Portuguese guitar.\n");
        harness.Edit(LongTerm, "- Sam prefers short answers with the command first.\n", "");
        harness.Edit(LongTerm, "Sam's favourite editor is Helix.", "Sam's favourite editor is Helix 25.");
        await harness.Store.EditAsync(disk.Id, "Ordered two NAS disks for the mirror.", "corrected", CancellationToken.None);
        var editedLongTerm = harness.Bytes(LongTerm);
        var editedDay28 = harness.Bytes(Day28);

        await harness.ReopenAsync();
        var second = await harness.SyncAsync();

        Assert.Empty(second.Errors);
        Assert.Empty(second.Conflicts);
        Assert.Equal((1, 2, 1), (second.Import.Created, second.Import.Updated, second.Import.Removed));
        Assert.Equal("Sam's partner is called Rui Costa.", (await harness.Store.GetAsync(partner.Id, CancellationToken.None))!.Text);
        Assert.Equal("Sam's favourite editor is Helix 25.", (await harness.Store.GetAsync(helix.Id, CancellationToken.None))!.Text);
        var ended = (await harness.Store.GetAsync(brevity.Id, CancellationToken.None))!;
        Assert.False(ended.IsCurrent(DateTimeOffset.UtcNow));
        Assert.Equal($"removed from {harness.PathOf(LongTerm)}", ended.EndReason);
        var guitar = await harness.FindAsync("Sam is learning to play the Portuguese guitar.");
        Assert.Equal(15, guitar.Source.Line);

        Assert.Equal(["Ordered two NAS disks for the mirror."], FileBytes.SectionBullets(harness.Bytes(Day28)));
        Assert.Equal(1, second.Export.Refreshed);
        FileBytes.AssertRestUnchanged(editedLongTerm, harness.Bytes(LongTerm));
        FileBytes.AssertRestUnchanged(editedDay28, harness.Bytes(Day28));

        // A third sync with nothing changed writes nothing and stores nothing.
        var settled = harness.Bytes(LongTerm);
        var count = (await harness.CurrentAsync()).Count;
        var third = await harness.SyncAsync();
        Assert.Empty(third.Export.FilesWritten);
        Assert.Equal(0, third.Import.Created + third.Import.Updated + third.Import.Removed + third.Import.Superseded);
        Assert.Equal(settled, harness.Bytes(LongTerm));
        Assert.Equal(count, (await harness.CurrentAsync()).Count);
    }

    [Fact]
    public async Task Export_writes_a_fresh_workspace()
    {
        await using var harness = await SyncHarness.CreateAsync();
        await harness.SaveAsync("Sam prefers tea over coffee.", MemoryLayer.Semantic, MemoryScope.User);
        await harness.SaveAsync("Always answer Sam in English.", MemoryLayer.Procedural, MemoryScope.User);
        await harness.SaveAsync("The repo uses pnpm.", MemoryLayer.Semantic, MemoryScope.Project);
        await harness.SaveAsync("Walked through the tax forms with Sam.", MemoryLayer.Episodic, MemoryScope.User, new DateTimeOffset(2026, 4, 2, 15, 0, 0, TimeSpan.Zero));
        var outFolder = Path.Combine(harness.Root, "openclaw-out");

        var report = await harness.Sync.ExportAsync(Chitin.Memory.Sync.MarkdownMemoryFormat.OpenClaw, outFolder, harness.Viewer, CancellationToken.None);

        Assert.Empty(report.Errors);
        Assert.Equal([Path.Combine(outFolder, "MEMORY.md"), Path.Combine(outFolder, "memory", "2026-04-02.md")], report.FilesWritten);
        Assert.Equal(["Sam prefers tea over coffee.", "Always answer Sam in English."], FileBytes.SectionBullets(File.ReadAllBytes(Path.Combine(outFolder, "MEMORY.md"))));
        Assert.Equal(["Walked through the tax forms with Sam."], FileBytes.SectionBullets(File.ReadAllBytes(Path.Combine(outFolder, "memory", "2026-04-02.md"))));
        Assert.Equal(3, report.Items);
    }
}
