using System.Diagnostics;
using System.Globalization;

namespace Chitin.Bench;

/// <summary>One way of starting chitin (a program and its leading arguments) pointed at the scripted server, timed from outside.</summary>
public sealed record CliInvocation(string Program, IReadOnlyList<string> Prefix, string? TimeBinary, string BaseUrl, string Home)
{
    /// <summary>Runs chitin once in <paramref name="workspace"/>: wall milliseconds, peak RSS in MB (0 without GNU time), exit code and output.</summary>
    public async Task<(double WallMs, double PeakMb, int Exit, string Output)> RunAsync(string workspace, IReadOnlyList<string> args)
    {
        var metrics = workspace + ".time";
        var psi = new ProcessStartInfo(TimeBinary ?? Program)
        {
            WorkingDirectory = workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (TimeBinary is not null)
        {
            foreach (var a in new[] { "-f", "%M", "-o", metrics, Program })
            {
                psi.ArgumentList.Add(a);
            }
        }

        foreach (var a in Prefix.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["OPENAI_BASE_URL"] = BaseUrl + "/v1";
        psi.Environment["OPENAI_API_KEY"] = "bench-key";
        psi.Environment["CHITIN_MODEL"] = "scripted-model";
        psi.Environment["CHITIN_HOME"] = Home;
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
        if (TimeBinary is not null && File.Exists(metrics))
        {
            var kb = File.ReadAllLines(metrics).Select(l => l.Trim()).LastOrDefault(l => l.Length > 0 && l.All(char.IsAsciiDigit));
            peakMb = kb is null ? 0 : double.Parse(kb, CultureInfo.InvariantCulture) / 1024.0;
        }

        return (wall, peakMb, process.ExitCode, output);
    }
}
