using System.Diagnostics;
using System.Globalization;

namespace Chitin.Bench.Gateway;

/// <summary>chitin-gateway.dll (built next to the benchmark) as its own process, so its RSS is its own.</summary>
internal sealed class GatewayProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GatewayProcess(Process process) => _process = process;

    /// <summary>
    /// $CHITIN_GATEWAY_PATH, else the publish in artifacts/chitin/gateway (what users run), else the Release build.
    /// The benchmark does not reference the project: Orleans and BenchmarkDotNet need different Roslyn versions.
    /// </summary>
    public static string Dll { get; } = Locate();

    public int Id => _process.Id;

    public static async Task<GatewayProcess> StartAsync(int port, IReadOnlyDictionary<string, string> environment, string workspace)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workspace, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Dll);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var gateway = new GatewayProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("listening on", StringComparison.Ordinal) == true)
            {
                gateway._listening.TrySetResult();
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await gateway._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return gateway;
    }

    /// <summary>CPU time the gateway process has used so far (user + system), from /proc.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>
    /// CPU ticks (user + system, 1/100 s) of each of the runtime's tiered compilation worker threads alive now, by
    /// thread id, from /proc/&lt;pid&gt;/task: the JIT recompiling hot code at higher tiers.
    /// </summary>
    public Dictionary<string, long> TieredCompilationTicks()
    {
        var ticks = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var task in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                if (!stat.AsSpan(open + 1, close - open - 1).StartsWith(".NET Tiered Com", StringComparison.Ordinal))
                {
                    continue;
                }

                // Fields after the name: state is field 3, utime and stime are fields 14 and 15.
                var fields = stat[(close + 2)..].Split(' ');
                ticks[Path.GetFileName(task)] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended while it was read.
            }
        }

        return ticks;
    }

    /// <summary>
    /// The tiered compilation CPU between two readings; <paramref name="complete"/> is false when a worker thread of
    /// the first reading ended before the second (its time since the first reading is unknown, so the figure is a lower bound).
    /// </summary>
    public static TimeSpan TieredCompilationBetween(Dictionary<string, long> before, Dictionary<string, long> after, out bool complete)
    {
        complete = before.Keys.All(after.ContainsKey);
        var ticks = after.Sum(a => a.Value - before.GetValueOrDefault(a.Key));
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>Resident set size now, in MB (Linux /proc).</summary>
    public double RssMb()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
    }

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("CHITIN_GATEWAY_PATH") is { Length: > 0 } path)
        {
            return path;
        }

        var folder = RepositoryFolder.Find()
            ?? throw new FileNotFoundException("chitin-gateway.dll not found: set CHITIN_GATEWAY_PATH or run from the repository.");
        var published = Path.Combine(folder, "artifacts", "chitin", "gateway", "chitin-gateway.dll");
        var built = Path.Combine(folder, "src", "Chitin.Gateway", "bin", "Release", "net10.0", "chitin-gateway.dll");
        return File.Exists(published) ? published : File.Exists(built) ? built : throw new FileNotFoundException($"chitin-gateway.dll not found at {published} or {built}: run scripts/setup or build src/Chitin.Gateway -c Release.");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
