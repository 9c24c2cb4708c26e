using Chitin.Memory.Model;
using Chitin.Memory.Sync;

namespace Chitin.Memory.Tests.Sync;

public sealed class ExportTests
{
    [Fact]
    public async Task Export_into_an_existing_file_appends_only_its_section_and_a_second_export_changes_nothing()
    {
        await using var harness = await SyncHarness.CreateAsync("claude");
        await harness.SaveAsync("Run database migrations with `make migrate`.", MemoryLayer.Procedural, MemoryScope.Project);
        var original = harness.Bytes("CLAUDE.md");

        var first = await harness.Sync.ExportAsync(MarkdownMemoryFormat.Claude, harness.PathOf("CLAUDE.md"), harness.Viewer, CancellationToken.None);
        var written = harness.Bytes("CLAUDE.md");
        var second = await harness.Sync.ExportAsync(MarkdownMemoryFormat.Claude, harness.PathOf("CLAUDE.md"), harness.Viewer, CancellationToken.None);

        Assert.Equal((1, 1), (first.FilesWritten.Count, first.Added));
        FileBytes.AssertSectionAppended(original, written);
        Assert.Equal([harness.PathOf("CLAUDE.md")], second.FilesUnchanged);
        Assert.Empty(second.FilesWritten);
        Assert.Equal(written, harness.Bytes("CLAUDE.md"));
    }

    [Fact]
    public async Task Export_does_not_repeat_what_the_users_own_text_already_says()
    {
        await using var harness = await SyncHarness.CreateAsync();
        harness.Write("CLAUDE.md", "- Use table-driven tests.\n");
        await harness.SaveAsync("Use table-driven tests.", MemoryLayer.Procedural, MemoryScope.Project);
        await harness.SaveAsync("Keep functions short.", MemoryLayer.Procedural, MemoryScope.Project);

        await harness.Sync.ExportAsync(MarkdownMemoryFormat.Claude, harness.PathOf("CLAUDE.md"), harness.Viewer, CancellationToken.None);

        Assert.Equal(["Keep functions short."], FileBytes.SectionBullets(harness.Bytes("CLAUDE.md")));
    }

    [Fact]
    public async Task Export_refuses_to_overwrite_a_section_edited_since_the_last_sync()
    {
        await using var harness = await SyncHarness.CreateAsync();
        var item = await harness.SaveAsync("Run database migrations with `make migrate`.", MemoryLayer.Procedural, MemoryScope.Project);
        await harness.Sync.ExportAsync(MarkdownMemoryFormat.Claude, harness.Workspace, harness.Viewer, CancellationToken.None);
        harness.Edit("CLAUDE.md", "`make migrate`.", "`make migrate-all`.");
        await harness.SaveAsync("Keep functions short.", MemoryLayer.Procedural, MemoryScope.Project);
        var edited = harness.Bytes("CLAUDE.md");

        var report = await harness.Sync.ExportAsync(MarkdownMemoryFormat.Claude, harness.Workspace, harness.Viewer, CancellationToken.None);

        var error = Assert.Single(report.Errors);
        Assert.Contains("chitin memory sync", error.Message, StringComparison.Ordinal);
        Assert.Equal(edited, harness.Bytes("CLAUDE.md"));
        Assert.Equal("Run database migrations with `make migrate`.", (await harness.Store.GetAsync(item.Id, CancellationToken.None))!.Text);

        // A sync takes the edit in; then the export goes through.
        await harness.SyncAsync();
        var after = await harness.Sync.ExportAsync(MarkdownMemoryFormat.Claude, harness.Workspace, harness.Viewer, CancellationToken.None);
        Assert.Empty(after.Errors);
        Assert.Equal("Run database migrations with `make migrate-all`.", (await harness.Store.GetAsync(item.Id, CancellationToken.None))!.Text);
        Assert.Equal(["Run database migrations with `make migrate-all`.", "Keep functions short."], FileBytes.SectionBullets(harness.Bytes("CLAUDE.md")));
    }

    [Fact]
    public async Task Export_drops_bullets_of_items_that_ended_in_the_store()
    {
        await using var harness = await SyncHarness.CreateAsync();
        var old = await harness.SaveAsync("The mobile app is written in Kotlin.", MemoryLayer.Semantic, MemoryScope.Project);
        await harness.Sync.ExportAsync(MarkdownMemoryFormat.Agents, harness.Workspace, harness.Viewer, CancellationToken.None);
        await harness.Store.ForgetAsync(old.Id, "rewritten in Flutter", CancellationToken.None);
        var before = harness.Bytes("AGENTS.md");

        var report = await harness.Sync.ExportAsync(MarkdownMemoryFormat.Agents, harness.Workspace, harness.Viewer, CancellationToken.None);

        Assert.Equal(1, report.Removed);
        Assert.Empty(FileBytes.SectionBullets(harness.Bytes("AGENTS.md")));
        FileBytes.AssertRestUnchanged(before, harness.Bytes("AGENTS.md"));
    }

    [Fact]
    public async Task Workspace_formats_need_a_folder()
    {
        await using var harness = await SyncHarness.CreateAsync();
        harness.Write("MEMORY.md", "- x\n");

        var error = await Assert.ThrowsAsync<MemoryImportException>(() =>
            harness.Sync.ExportAsync(MarkdownMemoryFormat.OpenClaw, harness.PathOf("MEMORY.md"), harness.Viewer, CancellationToken.None));

        Assert.Contains("folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agents_private_items_of_another_agent_are_never_exported()
    {
        await using var harness = await SyncHarness.CreateAsync();
        await harness.Store.SaveAsync(
            new MemoryDraft { Text = "The reviewer agent checks licences.", Layer = MemoryLayer.Procedural, Scope = MemoryScope.Agent, Source = new MemorySource(MemorySourceKind.Cli) },
            MemoryViewer.For("reviewer", harness.Workspace),
            CancellationToken.None);
        await harness.Store.SaveAsync(
            new MemoryDraft { Text = "Main answers in English.", Layer = MemoryLayer.Procedural, Scope = MemoryScope.Agent, Source = new MemorySource(MemorySourceKind.Cli) },
            harness.Viewer,
            CancellationToken.None);
        var folder = Path.Combine(harness.Root, "claw");

        await harness.Sync.ExportAsync(MarkdownMemoryFormat.OpenClaw, folder, harness.Viewer, CancellationToken.None);

        Assert.Equal(["Main answers in English."], FileBytes.SectionBullets(File.ReadAllBytes(Path.Combine(folder, "MEMORY.md"))));
    }
}
