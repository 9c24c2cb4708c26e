using System.Diagnostics;
using System.Globalization;
using Chitin.Core.Sessions;
using Chitin.Platform.Files;
using Chitin.Storage.Checkpoints;
using Chitin.Storage.Sqlite;

namespace Chitin.Bench.Checkpoints;

/// <summary>
/// Checkpoint cost per turn in a 10,000-file workspace (100 folders of 100 small files), with nothing changed and
/// with 10 files changed, in one process (chat: the stat index is in memory) and in a new process per turn
/// (chitin run: the index is read from its file); and the time of a rewind of a turn that changed 10 files.
/// Each figure is a real checkpoint: walk + stat + hash/store of changed files + manifest + SQLite row.
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
            var session = await store.CreateSessionAsync(new SessionInfo { Id = "bench", Workspace = workspace }, ct);
            var options = new CheckpointOptions { Root = Path.Combine(root, "checkpoints"), DatabasePath = store.DatabasePath };
            using var checkpoints = new WorkspaceCheckpoints(options, store);

            var full = Stopwatch.StartNew();
            var first = await checkpoints.BeginTurnAsync(session.Id, workspace, 0, ct);
            full.Stop();
            await checkpoints.EndTurnAsync(first!, 0, ct);
            await checkpoints.ScanAsync(workspace, ct); // past the racy window of the seeding writes

            var unchanged = new List<double>();
            var unchangedCpu = new List<double>();
            var perTurn = new List<double>();
            var process = Process.GetCurrentProcess();
            for (var r = 0; r < rounds; r++)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var t = Stopwatch.StartNew();
                var turn = await checkpoints.BeginTurnAsync(session.Id, workspace, 0, ct);
                unchanged.Add(t.Elapsed.TotalMilliseconds);
                process.Refresh();
                unchangedCpu.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
                await checkpoints.EndTurnAsync(turn!, 0, ct);
                perTurn.Add(t.Elapsed.TotalMilliseconds);
            }

            var changed = new List<double>();
            var changedCpu = new List<double>();
            var rewinds = new List<double>();
            for (var r = 0; r < rounds; r++)
            {
                for (var k = 0; k < 10; k++)
                {
                    var n = (r * 10 + k) * 37 % Files;
                    await File.AppendAllTextAsync(Path.Combine(workspace, $"d{n / 100:000}", $"f{n:00000}.txt"), $"round {r}\n", ct);
                }

                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var t = Stopwatch.StartNew();
                var turn = await checkpoints.BeginTurnAsync(session.Id, workspace, 0, ct);
                changed.Add(t.Elapsed.TotalMilliseconds);
                process.Refresh();
                changedCpu.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
                for (var k = 0; k < 10; k++)
                {
                    var n = (r * 10 + k) * 53 % Files;
                    await File.AppendAllTextAsync(Path.Combine(workspace, $"d{n / 100:000}", $"f{n:00000}.txt"), $"agent {r}\n", ct);
                }

                await checkpoints.EndTurnAsync(turn!, 0, ct);
                var rw = Stopwatch.StartNew();
                var result = await checkpoints.RewindAsync(session.Id, 1, force: false, ct);
                rewinds.Add(rw.Elapsed.TotalMilliseconds);
                if (result.Files.Count != 10)
                {
                    Console.WriteLine($"RESULT checkpoint rewind restored {result.Files.Count} files, expected 10");
                    return 1;
                }
            }

            var cold = new List<double>();
            for (var r = 0; r < Math.Min(rounds, 10); r++)
            {
                var t = Stopwatch.StartNew();
                using var fresh = new WorkspaceCheckpoints(options, store);
                await fresh.BeginTurnAsync(session.Id, workspace, 0, ct);
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

            var usage = await checkpoints.UsageAsync(ct);
            Console.WriteLine(Line($"RESULT checkpoint load average at the end: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores (wall times scale with it; CPU times less)"));
            Console.WriteLine(Line($"RESULT checkpoint floor: lstat of the {paths.Count} paths alone takes median {Median(floor):0.0} ms here ({Median(floor) * 1000 / paths.Count:0.0} µs per call)"));
            Console.WriteLine(Line($"RESULT checkpoint, 10,000-file workspace, nothing changed: median {Median(unchanged):0.0} ms, p95 {P95(unchanged):0.0} ms, CPU {Median(unchangedCpu):0.0} ms (target ≤ 20 ms); before + after of a turn {Median(perTurn):0.0} ms"));
            Console.WriteLine(Line($"RESULT checkpoint, 10 files changed: median {Median(changed):0.0} ms, p95 {P95(changed):0.0} ms, CPU {Median(changedCpu):0.0} ms (target ≤ 40 ms)"));
            Console.WriteLine(Line($"RESULT checkpoint in a new process (stat index read from its file), nothing changed: median {Median(cold):0.0} ms"));
            Console.WriteLine(Line($"RESULT rewind of a turn that changed 10 files (scan, restore, transcript, checkpoint row): median {Median(rewinds):0.0} ms, p95 {P95(rewinds):0.0} ms"));
            Console.WriteLine(Line($"RESULT first checkpoint of the 10,000 files (hash + store all): {full.Elapsed.TotalMilliseconds:0} ms; store after {rounds * 3 + 2} checkpoints: {usage.Bytes / 1024.0 / 1024:0.0} MB in {usage.Objects} objects"));
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double P95(List<double> values) => Percentile(values, 0.95);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
    }
}
