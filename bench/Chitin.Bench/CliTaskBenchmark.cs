using System.Diagnostics;
using System.Globalization;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Bench;

/// <summary>
/// Wall time and peak RSS of a real `chitin run` process doing a 3-tool-step task against the scripted model
/// server over loopback HTTP. Targets ≤ 0.5 s and ≤ 150 MB; OpenClaw needs ~15 s and ~0.95 GB for the same.
/// </summary>
public static class CliTaskBenchmark
{
    private const double OpenClawSeconds = 15.0;
    private const double OpenClawPeakMb = 950.0;

    public static async Task<int> RunAsync(int runs)
    {
        var dll = FindChitinDll();
        var timeBinary = File.Exists("/usr/bin/time") ? "/usr/bin/time" : null;
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(ThreeToolSteps));
        var root = Directory.CreateTempSubdirectory("chitin-bench-cli-").FullName;
        var walls = new List<double>();
        var peaks = new List<double>();
        try
        {
            for (var i = 0; i <= runs; i++)
            {
                var workspace = Directory.CreateDirectory(Path.Combine(root, "ws" + i)).FullName;
                var (wallMs, peakMb, exit, output) = await RunOnceAsync(dll, timeBinary, server.BaseUrl, Path.Combine(root, "home"), workspace);
                if (exit != 0)
                {
                    Console.Error.WriteLine($"chitin run failed with exit code {exit}:\n{output}");
                    return 1;
                }

                if (i == 0)
                {
                    continue; // the first run creates the database and warms the disk cache
                }

                walls.Add(wallMs);
                if (peakMb > 0)
                {
                    peaks.Add(peakMb);
                }
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }

        walls.Sort();
        var median = walls[walls.Count / 2];
        var p95 = walls[Math.Min(walls.Count - 1, (int)Math.Ceiling(walls.Count * 0.95) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT chitin run, 3 tool steps, {walls.Count} runs: wall median {median / 1000:0.000} s, p95 {p95 / 1000:0.000} s (target ≤ 0.5 s; OpenClaw ~{OpenClawSeconds:0} s → {OpenClawSeconds * 1000 / median:0}x faster)"));
        if (peaks.Count > 0)
        {
            var peak = peaks.Max();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT chitin run peak RSS: max {peak:0.0} MB, median {peaks.Order().ElementAt(peaks.Count / 2):0.0} MB (target ≤ 150 MB; OpenClaw ~{OpenClawPeakMb:0} MB → {OpenClawPeakMb / peak:0.0}x smaller)"));
        }
        else
        {
            Console.WriteLine("RESULT chitin run peak RSS: not measured (GNU time missing: apt-get install time)");
        }

        return 0;
    }

    private static ScriptStep ThreeToolSteps(ScriptRequest request) => request.ToolResultCount switch
    {
        0 => ScriptStep.ToolCalls(new ScriptToolCall("list_dir", """{"path":"."}""")),
        1 => ScriptStep.ToolCalls(new ScriptToolCall("write_file", """{"path":"report.md","content":"# Report\n\n- three steps\n"}""")),
        2 => ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"report.md"}""")),
        _ => ScriptStep.Text("Wrote report.md (3 lines) and read it back."),
    };

    private static async Task<(double WallMs, double PeakMb, int Exit, string Output)> RunOnceAsync(string dll, string? timeBinary, string baseUrl, string home, string workspace)
    {
        var metrics = Path.Combine(workspace, "..", Path.GetFileName(workspace) + ".time");
        var psi = new ProcessStartInfo(timeBinary ?? "dotnet")
        {
            WorkingDirectory = workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (timeBinary is not null)
        {
            foreach (var a in new[] { "-f", "%M", "-o", metrics, "dotnet" })
            {
                psi.ArgumentList.Add(a);
            }
        }

        foreach (var a in new[] { dll, "run", "--yes", "--json", "Write a short report.md about this folder and read it back." })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["OPENAI_BASE_URL"] = baseUrl + "/v1";
        psi.Environment["OPENAI_API_KEY"] = "bench-key";
        psi.Environment["CHITIN_MODEL"] = "scripted-model";
        psi.Environment["CHITIN_HOME"] = home;
        psi.Environment.Remove("ANTHROPIC_BASE_URL");
        psi.Environment.Remove("ANTHROPIC_API_KEY");

        var sw = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var wall = sw.Elapsed.TotalMilliseconds;
        var output = await stdout + await stderr;
        var peakMb = 0.0;
        if (timeBinary is not null && File.Exists(metrics))
        {
            var kb = File.ReadAllLines(metrics).Select(l => l.Trim()).LastOrDefault(l => l.Length > 0 && l.All(char.IsAsciiDigit));
            peakMb = kb is null ? 0 : double.Parse(kb, CultureInfo.InvariantCulture) / 1024.0;
        }

        return (wall, peakMb, process.ExitCode, output);
    }

    private static string FindChitinDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Chitin.slnx")))
        {
            dir = dir.Parent;
        }

        var dll = dir is null ? null : Path.Combine(dir.FullName, "src", "Chitin.Cli", "bin", "Release", "net10.0", "chitin.dll");
        return dll is not null && File.Exists(dll)
            ? dll
            : throw new FileNotFoundException("Build the CLI first: dotnet build src/Chitin.Cli -c Release");
    }
}
