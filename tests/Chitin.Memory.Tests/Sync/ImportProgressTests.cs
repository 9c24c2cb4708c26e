using Chitin.Memory.Sync;

namespace Chitin.Memory.Tests.Sync;

public sealed class ImportProgressTests
{
    /// <summary>Reports on the calling thread, so the test sees each report before the import goes on.</summary>
    private sealed class Recorder(Action<MemoryImportProgress> onReport) : IProgress<MemoryImportProgress>
    {
        public void Report(MemoryImportProgress value) => onReport(value);
    }

    [Fact]
    public async Task Every_reported_item_is_stored_even_when_the_import_stops_right_after()
    {
        await using var harness = await SyncHarness.CreateAsync();
        harness.Write("MEMORY.md", string.Concat(Enumerable.Range(1, 20).Select(i => $"- Fact number {i} is about topic {i * 7919 % 1000}.\n")));
        var reported = new List<MemoryImportProgress>();
        using var stop = new CancellationTokenSource();
        var progress = new Recorder(p =>
        {
            reported.Add(p);
            if (reported.Count == 5)
            {
                stop.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            harness.Sync.ImportAsync(harness.PathOf("MEMORY.md"), harness.Viewer, progress, stop.Token));
        await harness.ReopenAsync();

        Assert.Equal(5, reported.Count);
        foreach (var report in reported)
        {
            var item = await harness.Store.GetAsync(report.ItemId, CancellationToken.None);
            Assert.NotNull(item);
            Assert.Equal(report.Text, item.Text);
            Assert.Equal(new Chitin.Memory.Model.MemorySource(Chitin.Memory.Model.MemorySourceKind.Import, harness.PathOf("MEMORY.md"), report.Line), item.Source);
        }

        // Resuming finishes the file without storing anything twice (a batch may hold more than was reported).
        var storedBefore = (await harness.CurrentAsync()).Count;
        Assert.InRange(storedBefore, 5, 19);
        var resumed = await harness.ImportAsync("MEMORY.md");
        Assert.Equal(20 - storedBefore, resumed.Created);
        Assert.Equal(storedBefore, resumed.Unchanged);
        Assert.Equal(20, (await harness.CurrentAsync()).Count);
    }

    [Fact]
    public async Task Progress_names_each_change_with_its_file_line_and_action()
    {
        await using var harness = await SyncHarness.CreateAsync();
        harness.Write("AGENTS.md", "- Use pnpm.\n- Run the linter before committing.\n");
        await harness.ImportAsync();
        harness.Write("AGENTS.md", "- Use pnpm 9.\n");
        var reported = new List<MemoryImportProgress>();

        await harness.ImportAsync(progress: new Recorder(reported.Add));

        Assert.Equal(
            [(1, MemoryImportAction.Updated, "Use pnpm 9."), (2, MemoryImportAction.Removed, "Run the linter before committing.")],
            reported.Select(r => (r.Line, r.Action, r.Text)));
    }
}
