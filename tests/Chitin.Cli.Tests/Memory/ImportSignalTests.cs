using Chitin.Cli.Tests.Support;
using Chitin.Memory.Storage;

namespace Chitin.Cli.Tests.Memory;

/// <summary>A long import in a real child process, stopped by SIGTERM as `timeout` or systemd send it.</summary>
public sealed class ImportSignalTests : IDisposable
{
    private const int SigTerm = 15;

    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Sigterm_stops_a_long_import_which_keeps_every_item_it_reported_and_exits_130()
    {
        var folder = Path.Combine(_sandbox.Workspace, "big");
        Directory.CreateDirectory(folder);
        var lines = Enumerable.Range(1, 100_000).Select(i => $"- Service s{i} listens on port {10_000 + (i % 50_000)}");
        await File.WriteAllTextAsync(Path.Combine(folder, "MEMORY.md"), "# Facts\n\n" + string.Join('\n', lines) + "\n");

        List<string> reported;
        using (var import = _sandbox.Start("memory", "import", folder, "--progress"))
        {
            await import.WaitForStdoutLineAsync(l => l.Contains(" mem_", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
            import.Signal(SigTerm);

            // Generous for a loaded CI machine; the figure that matters (well under a second) is in the notes.
            var exit = await import.WaitForExitAsync(TimeSpan.FromSeconds(20));
            Assert.True(exit == 130, $"exit {exit}\n{import.Stderr}");
            reported = Reported(import.Stdout);
        }

        Assert.NotEmpty(reported);
        Assert.True(reported.Count < 100_000, "the import finished before the signal; the test stopped nothing");
        await using var store = await SqliteMemoryStore.OpenAsync(_sandbox.DatabaseFile, new MemoryStoreOptions(), CancellationToken.None);
        foreach (var id in reported)
        {
            Assert.NotNull(await store.GetAsync(id, CancellationToken.None));
        }
    }

    private static List<string> Reported(string stdout) =>
        stdout.Split('\n')
            .Select(l => l.Split(' '))
            .Where(p => p.Length >= 2 && p[1].StartsWith("mem_", StringComparison.Ordinal) && p[1].Length == 20)
            .Select(p => p[1])
            .ToList();
}
