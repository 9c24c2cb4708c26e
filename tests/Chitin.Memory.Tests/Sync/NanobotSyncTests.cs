using Chitin.Memory.Model;
using Chitin.Memory.Sync;

namespace Chitin.Memory.Tests.Sync;

public sealed class NanobotSyncTests
{
    private const string User = "USER.md";
    private const string LongTerm = "memory/MEMORY.md";

    [Fact]
    public async Task Import_reads_user_facts_and_long_term_memory_but_not_the_history_log()
    {
        await using var harness = await SyncHarness.CreateAsync("nanobot");

        var report = await harness.ImportAsync();

        Assert.Equal([harness.PathOf(LongTerm), harness.PathOf(User)], report.Files);
        var user = await harness.ImportedFromAsync(User);
        Assert.Equal(
            ["Information about the user.", "Name: Priya", "Timezone: Asia/Kolkata (UTC+5:30)", "Prefers replies in English, with Hindi terms left untranslated.", "Likes morning summaries at 07:30."],
            user.Select(i => i.Text));
        Assert.All(user, i => Assert.Equal((MemoryLayer.Semantic, MemoryScope.User), (i.Layer, i.Scope)));
        var longTerm = await harness.ImportedFromAsync(LongTerm);
        Assert.Equal(MemoryLayer.Procedural, longTerm.Single(i => i.Text.StartsWith("Always cite", StringComparison.Ordinal)).Layer);
        Assert.Equal(MemoryLayer.Semantic, longTerm.Single(i => i.Text.StartsWith("Arjun", StringComparison.Ordinal)).Layer);
        Assert.DoesNotContain(await harness.CurrentAsync(), i => i.Text.Contains("thesis outline", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sync_puts_user_facts_in_user_md_and_the_rest_in_memory_md()
    {
        await using var harness = await SyncHarness.CreateAsync("nanobot");
        var allergy = await harness.SaveAsync("Priya is allergic to peanuts.", MemoryLayer.Semantic, MemoryScope.User);
        var units = await harness.SaveAsync("Give temperatures in Celsius.", MemoryLayer.Procedural, MemoryScope.User);
        var userBefore = harness.Bytes(User);
        var memoryBefore = harness.Bytes(LongTerm);

        var first = await harness.SyncAsync();

        Assert.Empty(first.Errors);
        Assert.Equal([allergy.Text], FileBytes.SectionBullets(harness.Bytes(User)));
        Assert.Equal([units.Text], FileBytes.SectionBullets(harness.Bytes(LongTerm)));
        FileBytes.AssertSectionAppended(userBefore, harness.Bytes(User));
        FileBytes.AssertSectionAppended(memoryBefore, harness.Bytes(LongTerm));

        var summaries = await harness.FindAsync("Likes morning summaries at 07:30.");
        harness.Edit(User, "at 07:30.", "at 07:00.");
        harness.Edit(LongTerm, "- Arjun is Priya's thesis supervisor.\n", "- Arjun is Priya's thesis supervisor.\n- Meera is Priya's lab partner.\n");
        var edited = harness.Bytes(User);

        var second = await harness.SyncAsync();

        Assert.Equal((1, 1), (second.Import.Created, second.Import.Updated));
        Assert.Equal("Likes morning summaries at 07:00.", (await harness.Store.GetAsync(summaries.Id, CancellationToken.None))!.Text);
        FileBytes.AssertRestUnchanged(edited, harness.Bytes(User));

        // The new fact was written by the user into MEMORY.md: it is not repeated in USER.md's section.
        Assert.Equal([allergy.Text], FileBytes.SectionBullets(harness.Bytes(User)));
    }

    [Fact]
    public async Task Export_writes_a_fresh_nanobot_workspace()
    {
        await using var harness = await SyncHarness.CreateAsync();
        await harness.SaveAsync("Priya is allergic to peanuts.", MemoryLayer.Semantic, MemoryScope.User);
        await harness.SaveAsync("Give temperatures in Celsius.", MemoryLayer.Procedural, MemoryScope.User);
        var folder = Path.Combine(harness.Root, "nanobot");

        var report = await harness.Sync.ExportAsync(MarkdownMemoryFormat.Nanobot, folder, harness.Viewer, CancellationToken.None);

        Assert.Equal([Path.Combine(folder, "USER.md"), Path.Combine(folder, "memory", "MEMORY.md")], report.FilesWritten);
        Assert.Equal(["Priya is allergic to peanuts."], FileBytes.SectionBullets(File.ReadAllBytes(Path.Combine(folder, "USER.md"))));
        Assert.Equal(["Give temperatures in Celsius."], FileBytes.SectionBullets(File.ReadAllBytes(Path.Combine(folder, "memory", "MEMORY.md"))));
    }
}
