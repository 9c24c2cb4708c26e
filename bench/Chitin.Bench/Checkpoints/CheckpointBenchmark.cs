using System.Diagnostics;
using System.Globalization;
using Chitin.Core.Sessions;
using Chitin.Platform.Files;
using Chitin.Storage.Checkpoints;
using Chitin.Storage.Sqlite;

namespace Chitin.Bench.Checkpoints;

/// <summary>
/// Checkpoint cost per turn in a 10,000-file workspace (100 folders of 100 small files), with nothing changed and
/// with 10 files changed, in one long-lived process (chat), with the change journal (inotify) and without it (a
/// stat walk of every path); in a new instance per turn (chitin run: the stat index read from its file); and the
/// time of a rewind of a turn that changed 10 files. Each figure is a real checkpoint: journal drain or walk + stat,
/// hash/store of changed files, manifest, SQLite row. Wall and CPU time of the process are both reported, with
/// the load average, because the machine is shared.
/// </summary>
public static class CheckpointBenchmark
{
    private const int Files = 10_000;

    public static async Task<int> RunAsync(bool quick, CancellationToken ct)
    {
        var rounds = quick ? 15 : 40;
        var root = Directory.CreateTempSubdirectory("chitin-bench-checkpoints-").FullName;
        try
        {
            var workspace = Directory.CreateDirectory(Path.Combine(root, "ws")).FullName;
            for (var i = 0; i < Files; i++)
            {
                var folder = Directory.CreateDirectory(Path.Combine(workspace, $"d{i / 100:000}")).FullName;
                await File.WriteAllTextAsync(Path.Combine(folder, $"f{i:00000}.txt"), $"line of file {i}\n" + new string('x', i % 400), ct);
            }

            await using var store = await SqliteChitinStore.OpenAsync(Path.Combine(root, "chitin.db"), ct);
            var journal = await PhaseAsync(store, workspace, Path.Combine(root, "journal"), useJournal: true, rounds, ct);
            var walk = await PhaseAsync(store, workspace, Path.Combine(root, "walk"), useJournal: false, rounds, ct);
            if (journal is null || walk is null)
            {
                return 1;
            }

            var options = new CheckpointOptions { Root = Path.Combine(root, "journal"), DatabasePath = store.DatabasePath };
            var cold = new List<double>();
            for (var r = 0; r < Math.Min(rounds, 10); r++)
            {
                var t = Stopwatch.StartNew();
                using var fresh = new WorkspaceCheckpoints(options, store);
                await fresh.BeginTurnAsync("bench-journal", workspace, 0, ct);
                cold.Add(t.Elapsed.TotalMilliseconds);
            }

            // The floor any stat-based check pays here: one lstat per path, nothing else.
            var paths = Directory.EnumerateFileSystemEntries(workspace, "*", SearchOption.AllDirectories).ToList();
            var floor = new List<double>();
            for (var r = 0; r < Math.Min(rounds, 10); r++)
            {
                var t = Stopwatch.StartNew();
                foreach (var path in paths)
                {
                    FileStat.TryGet(path, out _);
                }

                floor.Add(t.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine(Line($"RESULT checkpoint load average {journal.Load} during the journal rounds, {walk.Load} during the walk rounds, {Load()} at the end, on {Environment.ProcessorCount} cores (wall times scale with it; CPU times less)"));
            Console.WriteLine(Line($"RESULT checkpoint floor: lstat of the {paths.Count} paths alone takes median {Median(floor):0.0} ms here ({Median(floor) * 1000 / paths.Count:0.0} µs per call)"));
            Report("journal", journal);
            Report("walk, no journal", walk);
            Console.WriteLine(Line($"RESULT checkpoint in a new process (stat index read from its file, full walk), nothing changed: median {Median(cold):0.0} ms"));
            Console.WriteLine(Line($"RESULT first checkpoint of the 10,000 files (hash + store all): {journal.FirstMs:0} ms"));
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<Figures?> PhaseAsync(SqliteChitinStore store, string workspace, string checkpointRoot, bool useJournal, int rounds, CancellationToken ct)
    {
        var load = Load();
        var session = await store.CreateSessionAsync(new SessionInfo { Id = useJournal ? "bench-journal" : "bench-walk", Workspace = workspace }, ct);
        var options = new CheckpointOptions { Root = checkpointRoot, DatabasePath = store.DatabasePath, UseJournal = useJournal };
        using var checkpoints = new WorkspaceCheckpoints(options, store);
        var figures = new Figures();
        var full = Stopwatch.StartNew();
        var first = await checkpoints.BeginTurnAsync(session.Id, workspace, 0, ct);
        figures.FirstMs = full.Elapsed.TotalMilliseconds;
        await checkpoints.EndTurnAsync(first!, 0, ct);
        await checkpoints.ScanAsync(workspace, ct); // past the racy window of the seeding writes
        if (useJournal && checkpoints.JournalOff(workspace) is { } off)
        {
            Console.WriteLine($"RESULT checkpoint journal unavailable here: {off}");
            return null;
        }

        var process = Process.GetCurrentProcess();
        for (var r = 0; r < rounds; r++)
        {
            var (turn, wall, cpu) = await TimedAsync(process, () => checkpoints.BeginTurnAsync(session.Id, workspace, 0, ct));
            figures.Unchanged.Add(wall);
            figures.UnchangedCpu.Add(cpu);
            var (_, endWall, _) = await TimedAsync(process, async () =>
            {
                await checkpoints.EndTurnAsync(turn!, 0, ct);
                return true;
            });
            figures.PerTurn.Add(wall + endWall);
        }

        var storedBefore = (await checkpoints.UsageAsync(ct)).Bytes;
        for (var r = 0; r < rounds; r++)
        {
            Touch(workspace, r, 37, $"round {r}\n");
            var (turn, wall, cpu) = await TimedAsync(process, () => checkpoints.BeginTurnAsync(session.Id, workspace, 0, ct));
            figures.Changed.Add(wall);
            figures.ChangedCpu.Add(cpu);
            Touch(workspace, r, 53, $"agent {r}\n");
            await checkpoints.EndTurnAsync(turn!, 0, ct);
            var (result, rewind, rewindCpu) = await TimedAsync(process, () => checkpoints.RewindAsync(session.Id, 1, force: false, ct));
            figures.Rewinds.Add(rewind);
            figures.RewindsCpu.Add(rewindCpu);
            if (result.Files.Count != 10)
            {
                Console.WriteLine($"RESULT checkpoint rewind restored {result.Files.Count} files, expected 10");
                return null;
            }
        }

        var usage = await checkpoints.UsageAsync(ct);
        figures.StoreMb = usage.Bytes / 1024.0 / 1024;
        figures.Objects = usage.Objects;
        figures.Checkpoints = (rounds * 3) + 2;

        // Each changed round stores 10 + 10 file objects, a manifest before, after and after the rewind.
        figures.ManifestKbPerChange = (usage.Bytes - storedBefore) / 1024.0 / rounds;
        figures.Load = load;
        if (useJournal && (await checkpoints.ScanAsync(workspace, ct)).Walked)
        {
            Console.WriteLine("RESULT checkpoint journal rounds fell back to a walk");
            return null;
        }

        return figures;
    }

    private static void Touch(string workspace, int round, int stride, string text)
    {
        for (var k = 0; k < 10; k++)
        {
            var n = (round * 10 + k) * stride % Files;
            File.AppendAllText(Path.Combine(workspace, $"d{n / 100:000}", $"f{n:00000}.txt"), text);
        }
    }

    private static async Task<(T Result, double Wall, double Cpu)> TimedAsync<T>(Process process, Func<Task<T>> work)
    {
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var t = Stopwatch.StartNew();
        var result = await work();
        var wall = t.Elapsed.TotalMilliseconds;
        process.Refresh();
        return (result, wall, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }

    private static void Report(string mode, Figures f)
    {
        Console.WriteLine(Line($"RESULT checkpoint ({mode}), 10,000-file workspace, nothing changed: median {Median(f.Unchanged):0.00} ms, p95 {P95(f.Unchanged):0.00} ms, CPU {Median(f.UnchangedCpu):0.00} ms (target ≤ 20 ms); before + after of a turn {Median(f.PerTurn):0.00} ms"));
        Console.WriteLine(Line($"RESULT checkpoint ({mode}), 10 files changed: median {Median(f.Changed):0.00} ms, p95 {P95(f.Changed):0.00} ms, CPU {Median(f.ChangedCpu):0.00} ms (target ≤ 40 ms)"));
        Console.WriteLine(Line($"RESULT rewind ({mode}) of a turn that changed 10 files (scan, restore, transcript, checkpoint rows): median {Median(f.Rewinds):0.0} ms, p95 {P95(f.Rewinds):0.0} ms, CPU {Median(f.RewindsCpu):0.0} ms"));
        Console.WriteLine(Line($"RESULT checkpoint store ({mode}) after {f.Checkpoints} checkpoints: {f.StoreMb:0.0} MB in {f.Objects} objects; {f.ManifestKbPerChange:0.0} KB per changed round (20 file objects + 3 manifests); first checkpoint {f.FirstMs:0} ms"));
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double P95(List<double> values) => Percentile(values, 0.95);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
    }

    private sealed class Figures
    {
        public List<double> Unchanged { get; } = [];

        public List<double> UnchangedCpu { get; } = [];

        public List<double> PerTurn { get; } = [];

        public List<double> Changed { get; } = [];

        public List<double> ChangedCpu { get; } = [];

        public List<double> Rewinds { get; } = [];

        public List<double> RewindsCpu { get; } = [];

        public double FirstMs { get; set; }

        public double StoreMb { get; set; }

        public long Objects { get; set; }

        public int Checkpoints { get; set; }

        public double ManifestKbPerChange { get; set; }

        public string Load { get; set; } = "?";
    }
}
