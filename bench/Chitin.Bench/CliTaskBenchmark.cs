using System.Diagnostics;
using System.Globalization;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Bench;

/// <summary>
/// Cold start of real <c>chitin</c> processes, side by side for each build: a 3-tool-step <c>chitin run</c> against the
/// scripted model server over loopback HTTP (wall time and peak RSS) and <c>chitin --version</c>. "JIT" is the
/// framework-dependent Release build as <c>dotnet build</c> makes it (what Chitin shipped before); "ReadyToRun" is
/// what scripts/setup publishes to artifacts/chitin and <c>./chitin</c> runs (labelled Native AOT when no chitin.dll
/// sits beside it). <c>CHITIN_BENCH_CLI=name=path;name=path</c> adds other builds of <c>chitin</c> (e.g. a ReadyToRun
/// publish for the before/after). Targets ≤ 0.35 s, ≤ 80 MB and ≤ 60 ms for --version; the anchor is Codex (a native
/// Rust binary) at 0.40 s and 150 MB on the same task.
/// </summary>
public static class CliTaskBenchmark
{
    private const double CodexSeconds = 0.40;
    private const double CodexPeakMb = 150.0;

    public static async Task<int> RunAsync(int runs)
    {
        var root = RepositoryFolder.Root();
        var dll = Path.Combine(root, "src", "Chitin.Cli", "bin", "Release", "net10.0", "chitin.dll");
        var published = Path.Combine(root, "artifacts", "chitin", "chitin");
        List<(string Name, string Program, string[] Prefix)> builds = [];
        if (File.Exists(dll))
        {
            builds.Add(("JIT (dotnet build, framework-dependent)", "dotnet", [dll]));
        }

        foreach (var extra in (Environment.GetEnvironmentVariable("CHITIN_BENCH_CLI") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (label, path) = extra.IndexOf('=') is > 0 and var at ? (extra[..at], extra[(at + 1)..]) : (extra, extra);
            builds.Add((label, path, []));
        }

        if (File.Exists(published))
        {
            var kind = File.Exists(Path.ChangeExtension(published, ".dll")) ? "ReadyToRun" : "Native AOT";
            builds.Add(($"{kind} (artifacts/chitin, ./chitin)", published, []));
        }

        if (builds.Count == 0)
        {
            Console.Error.WriteLine("Build the CLI first: scripts/setup (or dotnet build src/Chitin.Cli -c Release)");
            return 1;
        }

        var timeBinary = File.Exists("/usr/bin/time") ? "/usr/bin/time" : null;
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(ThreeToolSteps));
        var scratch = Directory.CreateTempSubdirectory("chitin-bench-cli-").FullName;
        try
        {
            foreach (var (name, program, prefix) in builds)
            {
                var run = await MeasureAsync(new CliInvocation(program, prefix, timeBinary, server.BaseUrl, Path.Combine(scratch, "home")), scratch, runs, ["run", "--yes", "--json", "Write a short report.md about this folder and read it back."]);
                var version = await MeasureAsync(new CliInvocation(program, prefix, timeBinary, server.BaseUrl, Path.Combine(scratch, "home")), scratch, runs, ["--version"]);
                if (run is null || version is null)
                {
                    return 1;
                }

                Report(name, run.Value, version.Value);
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        return 0;
    }

    private static void Report(string build, (double MedianMs, double P95Ms, double PeakMb, int Runs) run, (double MedianMs, double P95Ms, double PeakMb, int Runs) version)
    {
        var seconds = run.MedianMs / 1000;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT cold start {build}: chitin run, 3 tool steps, {run.Runs} runs: wall median {seconds:0.000} s, p95 {run.P95Ms / 1000:0.000} s (target ≤ 0.35 s; Codex {CodexSeconds:0.00} s → {CodexSeconds / seconds:0.00}x)"));
        Console.WriteLine(run.PeakMb > 0
            ? string.Create(CultureInfo.InvariantCulture, $"RESULT cold start {build}: chitin run peak RSS max {run.PeakMb:0.0} MB (target ≤ 80 MB; Codex {CodexPeakMb:0} MB → {CodexPeakMb / run.PeakMb:0.00}x smaller)")
            : $"RESULT cold start {build}: peak RSS not measured (GNU time missing: apt-get install time)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT cold start {build}: chitin --version wall median {version.MedianMs:0} ms, p95 {version.P95Ms:0} ms, peak RSS {version.PeakMb:0.0} MB (target ≤ 60 ms)"));
    }

    /// <summary>Runs the command <paramref name="runs"/> times after one unmeasured run (it creates the database and warms the disk cache).</summary>
    private static async Task<(double MedianMs, double P95Ms, double PeakMb, int Runs)?> MeasureAsync(CliInvocation cli, string scratch, int runs, string[] args)
    {
        var walls = new List<double>();
        var peaks = new List<double>();
        for (var i = 0; i <= runs; i++)
        {
            var workspace = Directory.CreateDirectory(Path.Combine(scratch, "ws-" + Guid.NewGuid().ToString("N")[..8])).FullName;
            var (wallMs, peakMb, exit, output) = await cli.RunAsync(workspace, args);
            if (exit != 0)
            {
                Console.Error.WriteLine($"chitin {string.Join(' ', args)} failed with exit code {exit}:\n{output}");
                return null;
            }

            if (i > 0)
            {
                walls.Add(wallMs);
                peaks.Add(peakMb);
            }
        }

        walls.Sort();
        return (walls[walls.Count / 2], walls[Math.Min(walls.Count - 1, (int)Math.Ceiling(walls.Count * 0.95) - 1)], peaks.Max(), walls.Count);
    }

    private static ScriptStep ThreeToolSteps(ScriptRequest request) => request.ToolResultCount switch
    {
        0 => ScriptStep.ToolCalls(new ScriptToolCall("list_dir", """{"path":"."}""")),
        1 => ScriptStep.ToolCalls(new ScriptToolCall("write_file", """{"path":"report.md","content":"# Report\n\n- three steps\n"}""")),
        2 => ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"report.md"}""")),
        _ => ScriptStep.Text("Wrote report.md (3 lines) and read it back."),
    };
}
