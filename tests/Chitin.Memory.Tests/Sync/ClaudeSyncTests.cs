using Chitin.Memory.Model;
using Chitin.Memory.Sync;

namespace Chitin.Memory.Tests.Sync;

/// <summary>Claude Code's CLAUDE.md, here with Windows line endings and no final line break.</summary>
public sealed class ClaudeSyncTests
{
    private const string File = "CLAUDE.md";

    private static async Task<SyncHarness> CrlfHarnessAsync()
    {
        var harness = await SyncHarness.CreateAsync("claude");
        harness.Write(File, harness.Text(File).Replace("\n", "\r\n", StringComparison.Ordinal).TrimEnd('\r', '\n'));
        return harness;
    }

    [Fact]
    public async Task Import_makes_project_procedures_and_facts()
    {
        await using var harness = await CrlfHarnessAsync();

        var report = await harness.ImportAsync(File);

        Assert.Empty(report.Errors);
        var items = await harness.ImportedFromAsync(File);
        Assert.Equal(
            [
                ("This file guides Claude Code in this repository.", MemoryLayer.Semantic),
                ("Ledgerly is a double-entry bookkeeping API written in Go 1.23.", MemoryLayer.Semantic),
                ("Build: `make build`", MemoryLayer.Procedural),
                ("Run all tests with `make test` before every commit.", MemoryLayer.Procedural),
                ("Lint: `golangci-lint run ./...`", MemoryLayer.Procedural),
                ("Use table-driven tests.", MemoryLayer.Procedural),
                ("Never log monetary amounts at info level.", MemoryLayer.Procedural),
                ("Errors are wrapped with `fmt.Errorf(\"...: %w\", err)`.", MemoryLayer.Procedural),
                ("The HTTP layer lives in `internal/http`; the ledger core in `internal/ledger` has no dependencies on the HTTP layer.", MemoryLayer.Semantic),
            ],
            items.Select(i => (i.Text, i.Layer)));
        Assert.All(items, i => Assert.Equal((MemoryScope.Project, harness.Workspace), (i.Scope, i.ScopeKey)));
        Assert.Equal(report.Created + report.Superseded, items.Count);
    }

    [Fact]
    public async Task Reimport_stores_nothing_twice()
    {
        await using var harness = await CrlfHarnessAsync();
        await harness.ImportAsync(File);
        var count = (await harness.CurrentAsync()).Count;

        var again = await harness.ImportAsync(File);

        Assert.Equal(0, again.Created + again.Updated + again.Removed + again.Superseded);
        Assert.Equal(count, (await harness.CurrentAsync()).Count);
    }

    [Fact]
    public async Task Sync_round_trip_keeps_crlf_and_the_missing_final_line_break()
    {
        await using var harness = await CrlfHarnessAsync();
        var migrate = await harness.SaveAsync("Run database migrations with `make migrate`.", MemoryLayer.Procedural, MemoryScope.Project);
        await harness.SaveAsync("Sam prefers tea over coffee.", MemoryLayer.Semantic, MemoryScope.User);
        var original = harness.Bytes(File);

        var first = await harness.SyncAsync();

        Assert.Empty(first.Errors);
        FileBytes.AssertSectionAppended(original, harness.Bytes(File));
        Assert.Equal([migrate.Text], FileBytes.SectionBullets(harness.Bytes(File)));

        var tableTests = await harness.FindAsync("Use table-driven tests.");
        var lint = await harness.FindAsync("Lint: `golangci-lint run ./...`");
        harness.Edit(File, "- Use table-driven tests.\r\n", "- Use table-driven tests with t.Run subtests.\r\n");
        harness.Edit(File, "- Lint: `golangci-lint run ./...`\r\n", "");
        harness.Edit(File, "- Never log monetary amounts at info level.\r\n", "- Never log monetary amounts at info level.\r\n- Keep handlers thin; business rules belong in the ledger core.\r\n");
        harness.Edit(File, " <!-- chitin:" + migrate.Id + " -->\r\n", " <!-- chitin:" + migrate.Id + " -->\r\n- Generated mocks live in `internal/mocks`.\r\n");
        await harness.Store.EditAsync(migrate.Id, "Run database migrations with `make migrate-up`.", "renamed target", CancellationToken.None);
        var edited = harness.Bytes(File);

        var second = await harness.SyncAsync();

        Assert.Empty(second.Errors);
        Assert.Empty(second.Conflicts);
        Assert.Equal((2, 1, 1), (second.Import.Created, second.Import.Updated, second.Import.Removed));
        Assert.Equal("Use table-driven tests with t.Run subtests.", (await harness.Store.GetAsync(tableTests.Id, CancellationToken.None))!.Text);
        Assert.False((await harness.Store.GetAsync(lint.Id, CancellationToken.None))!.IsCurrent(DateTimeOffset.UtcNow));
        var thin = await harness.FindAsync("Keep handlers thin; business rules belong in the ledger core.");
        Assert.Equal((MemoryScope.Project, MemoryLayer.Procedural), (thin.Scope, thin.Layer));
        var mocks = await harness.FindAsync("Generated mocks live in `internal/mocks`.");

        var after = harness.Bytes(File);
        FileBytes.AssertRestUnchanged(edited, after);
        Assert.Equal(["Run database migrations with `make migrate-up`.", "Generated mocks live in `internal/mocks`."], FileBytes.SectionBullets(after));
        Assert.Contains($"<!-- chitin:{mocks.Id} -->", harness.Text(File), StringComparison.Ordinal);
        var text = harness.Text(File);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.NotEqual((byte)'\n', after[^1]);

        var third = await harness.SyncAsync();
        Assert.Empty(third.Export.FilesWritten);
        Assert.Equal(0, third.Import.Created + third.Import.Updated + third.Import.Removed);
        Assert.Equal(after, harness.Bytes(File));
    }

    [Fact]
    public async Task Export_to_a_folder_writes_its_claude_md_with_project_items_only()
    {
        await using var harness = await SyncHarness.CreateAsync();
        await harness.SaveAsync("Run database migrations with `make migrate`.", MemoryLayer.Procedural, MemoryScope.Project);
        await harness.SaveAsync("Sam prefers tea over coffee.", MemoryLayer.Semantic, MemoryScope.User);
        var folder = Directory.CreateDirectory(Path.Combine(harness.Root, "repo")).FullName;

        var report = await harness.Sync.ExportAsync(MarkdownMemoryFormat.Claude, folder, harness.Viewer, CancellationToken.None);

        var path = Path.Combine(folder, "CLAUDE.md");
        Assert.Equal([path], report.FilesWritten);
        Assert.Equal(["Run database migrations with `make migrate`."], FileBytes.SectionBullets(System.IO.File.ReadAllBytes(path)));
    }
}
