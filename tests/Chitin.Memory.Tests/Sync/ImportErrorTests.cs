using Chitin.Memory.Sync;

namespace Chitin.Memory.Tests.Sync;

public sealed class ImportErrorTests
{
    [Fact]
    public async Task Invalid_front_matter_is_a_per_file_error_and_the_other_files_are_imported()
    {
        await using var harness = await SyncHarness.CreateAsync("openclaw");
        harness.Write("memory/2026-03-29.md", "---\ntitle: Sunday\ntags: [errands\n---\n- Bought groceries.\n");

        var report = await harness.ImportAsync();

        var error = Assert.Single(report.Errors);
        Assert.Equal((harness.PathOf("memory/2026-03-29.md"), 3), (error.File, error.Line));
        Assert.Contains("invalid YAML front matter", error.Message, StringComparison.Ordinal);
        Assert.Contains(":3:", error.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.ImportedFromAsync("memory/2026-03-29.md"));
        Assert.NotEmpty(await harness.ImportedFromAsync("MEMORY.md"));
        Assert.DoesNotContain(harness.PathOf("memory/2026-03-29.md"), report.Files);
    }

    [Fact]
    public async Task Malformed_markdown_stores_nothing_and_sync_leaves_the_file_untouched()
    {
        await using var harness = await SyncHarness.CreateAsync();
        harness.Write("CLAUDE.md", "- Use tabs.\n\n```go\nfunc main() {}\n\n- Prefer small PRs.\n");
        await harness.SaveAsync("Run `make lint` before pushing.", Chitin.Memory.Model.MemoryLayer.Procedural, Chitin.Memory.Model.MemoryScope.Project);
        var before = harness.Bytes("CLAUDE.md");

        var report = await harness.SyncAsync();

        var error = Assert.Single(report.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, harness.Bytes("CLAUDE.md"));
        Assert.Empty(await harness.ImportedFromAsync("CLAUDE.md"));
        Assert.Empty(report.Export.FilesWritten);
    }

    [Fact]
    public async Task Binary_file_is_an_error()
    {
        await using var harness = await SyncHarness.CreateAsync();
        harness.WriteBytes("MEMORY.md", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00]);

        var report = await harness.ImportAsync("MEMORY.md");

        Assert.Contains("binary", Assert.Single(report.Errors).Message, StringComparison.Ordinal);
        Assert.Empty(await harness.CurrentAsync());
    }

    [Fact]
    public async Task Huge_file_is_an_error()
    {
        await using var harness = await SyncHarness.CreateAsync();
        harness.Write("MEMORY.md", "- fact\n" + new string('x', 4_000));
        var sync = new MarkdownMemorySync(harness.Store) { MaxFileBytes = 1_000 };

        var report = await sync.ImportAsync(harness.PathOf("MEMORY.md"), harness.Viewer, null, CancellationToken.None);

        Assert.Contains("up to 1,000 bytes", Assert.Single(report.Errors).Message, StringComparison.Ordinal);
        Assert.Empty(await harness.CurrentAsync());
    }

    [Fact]
    public async Task Missing_path_unknown_file_and_empty_folder_are_clear_errors()
    {
        await using var harness = await SyncHarness.CreateAsync();
        harness.Write("notes.txt", "hello");

        var missing = await Assert.ThrowsAsync<MemoryImportException>(() => harness.ImportAsync("nope"));
        var notMarkdown = await Assert.ThrowsAsync<MemoryImportException>(() => harness.ImportAsync("notes.txt"));
        var empty = await Assert.ThrowsAsync<MemoryImportException>(() => harness.ImportAsync());
        var syncEmpty = await Assert.ThrowsAsync<MemoryImportException>(() => harness.SyncAsync());

        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        Assert.Contains("not a Markdown file", notMarkdown.Message, StringComparison.Ordinal);
        Assert.Contains("MEMORY.md", empty.Message, StringComparison.Ordinal);
        Assert.Contains("CLAUDE.md", syncEmpty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_markdown_file_named_explicitly_is_read_as_long_term_memory()
    {
        await using var harness = await SyncHarness.CreateAsync();
        harness.Write("notes.md", "# Notes\n\n- Sam's bike is a grey Brompton.\n");

        var report = await harness.ImportAsync("notes.md");

        Assert.Equal(1, report.Created);
        Assert.Equal(Chitin.Memory.Model.MemoryScope.User, (await harness.FindAsync("Sam's bike is a grey Brompton.")).Scope);
    }
}
