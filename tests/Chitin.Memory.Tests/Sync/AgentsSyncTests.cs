using Chitin.Memory.Model;
using Chitin.Memory.Sync;

namespace Chitin.Memory.Tests.Sync;

/// <summary>AGENTS.md, here saved with a UTF-8 byte order mark.</summary>
public sealed class AgentsSyncTests
{
    private const string File = "AGENTS.md";

    private static async Task<SyncHarness> BomHarnessAsync()
    {
        var harness = await SyncHarness.CreateAsync("agents");
        harness.WriteBytes(File, [0xEF, 0xBB, 0xBF, .. harness.Bytes(File)]);
        return harness;
    }

    [Fact]
    public async Task Import_makes_project_procedures_and_skips_code_and_tables()
    {
        await using var harness = await BomHarnessAsync();

        var report = await harness.ImportAsync();

        Assert.Equal([harness.PathOf(File)], report.Files);
        var items = await harness.ImportedFromAsync(File);
        Assert.Equal(
            [
                "Install dependencies with `pnpm install`.",
                "Start the dev server with `pnpm dev`; it listens on port 5173.",
                "Run `pnpm test` and make sure it passes before opening a PR.",
                "Add or update tests for the code you change.",
                "Title format: `[web] <short summary>`.",
                "Keep PRs under 400 changed lines.",
            ],
            items.Select(i => i.Text));
        Assert.All(items, i => Assert.Equal((MemoryLayer.Procedural, MemoryScope.Project), (i.Layer, i.Scope)));
        Assert.Equal(["setup"], items[0].Tags);
        Assert.Equal(["pr-instructions"], items[5].Tags);
    }

    [Fact]
    public async Task Sync_round_trip_keeps_the_byte_order_mark_and_everything_outside_the_section()
    {
        await using var harness = await BomHarnessAsync();
        var storybook = await harness.SaveAsync("Component stories live next to the component as `*.stories.tsx`.", MemoryLayer.Procedural, MemoryScope.Project);
        var original = harness.Bytes(File);

        await harness.SyncAsync();

        var synced = harness.Bytes(File);
        FileBytes.AssertSectionAppended(original, synced);
        Assert.Equal([0xEF, 0xBB, 0xBF], synced[..3]);
        Assert.Equal([storybook.Text], FileBytes.SectionBullets(synced));

        var prSize = await harness.FindAsync("Keep PRs under 400 changed lines.");
        harness.Edit(File, "2. Keep PRs under 400 changed lines.", "2. Keep PRs under 300 changed lines.");
        harness.Edit(File, "- Add or update tests for the code you change.\n", "");
        harness.Edit(File, "`*.stories.tsx`.", "`*.stories.tsx` files.");
        var edited = harness.Bytes(File);

        var second = await harness.SyncAsync();

        Assert.Empty(second.Conflicts);
        Assert.Equal((0, 2, 1), (second.Import.Created, second.Import.Updated, second.Import.Removed));
        Assert.Equal("Keep PRs under 300 changed lines.", (await harness.Store.GetAsync(prSize.Id, CancellationToken.None))!.Text);
        Assert.Equal("Component stories live next to the component as `*.stories.tsx` files.", (await harness.Store.GetAsync(storybook.Id, CancellationToken.None))!.Text);
        FileBytes.AssertRestUnchanged(edited, harness.Bytes(File));
        Assert.Equal([0xEF, 0xBB, 0xBF], harness.Bytes(File)[..3]);

        var again = await harness.ImportAsync();
        Assert.Equal(0, again.Created + again.Updated + again.Removed);
    }

    [Fact]
    public async Task Export_writes_agents_md_to_the_path_given()
    {
        await using var harness = await SyncHarness.CreateAsync();
        await harness.SaveAsync("Use pnpm, never npm.", MemoryLayer.Procedural, MemoryScope.Project);
        var path = Path.Combine(harness.Root, "out", "AGENTS.md");

        var report = await harness.Sync.ExportAsync(MarkdownMemoryFormat.Agents, path, harness.Viewer, CancellationToken.None);

        Assert.Equal([path], report.FilesWritten);
        Assert.Equal(["Use pnpm, never npm."], FileBytes.SectionBullets(System.IO.File.ReadAllBytes(path)));
    }
}
