using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Chitin.Skills.Vetting;

namespace Chitin.Bench.Skills;

/// <summary>
/// Vet time per skill over the vetting corpus in tests/Chitin.Skills.Vetting.Tests/Corpus (62 malicious, 57 benign skills),
/// vetted without a cache so every run scans, plus the detection figures on the same corpus: recall on malicious
/// skills (blocked), false-positive rate (benign blocked) and warn rate on benign skills.
/// </summary>
public static class VetBenchmark
{
    private const double TargetMedianMs = 20;
    private const double TargetRecall = 0.95;
    private const double TargetFalsePositiveRate = 0.05;

    public static async Task<int> RunAsync(bool quick, CancellationToken ct)
    {
        var corpus = FindCorpus();
        var skills = LoadCorpus(corpus);
        var vetter = new SkillVetter();
        var verdicts = new List<(string Kind, VetVerdict Verdict)>();
        foreach (var (kind, directory) in skills)
        {
            verdicts.Add((kind, (await vetter.VetAsync(directory, [], ct)).Verdict));
        }

        var rounds = quick ? 5 : 25;
        var samples = new List<double>(skills.Count * rounds);
        var stopwatch = new Stopwatch();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (_, directory) in skills)
            {
                stopwatch.Restart();
                await vetter.VetAsync(directory, [], ct);
                samples.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }

        samples.Sort();
        var median = Percentile(samples, 0.5);
        var malicious = verdicts.Where(v => v.Kind == "malicious").ToList();
        var benign = verdicts.Where(v => v.Kind == "benign").ToList();
        var recall = Ratio(malicious.Count(v => v.Verdict == VetVerdict.Block), malicious.Count);
        var falsePositives = Ratio(benign.Count(v => v.Verdict == VetVerdict.Block), benign.Count);
        var warnRate = Ratio(benign.Count(v => v.Verdict == VetVerdict.Warn), benign.Count);

        Console.WriteLine(Invariant($"RESULT skill vet median {median:0.00} ms (target ≤ {TargetMedianMs:0} ms); p95 {Percentile(samples, 0.95):0.00} ms, max {samples[^1]:0.00} ms over {samples.Count} vets of {skills.Count} corpus skills, no cache"));
        Console.WriteLine(Invariant($"RESULT skill vet recall on malicious {recall:P1} of {malicious.Count} (target ≥ {TargetRecall:P0}); false-positive rate on benign {falsePositives:P1}, warn rate {warnRate:P1} of {benign.Count} (target FPR ≤ {TargetFalsePositiveRate:P0})"));
        return median <= TargetMedianMs && recall >= TargetRecall && falsePositives <= TargetFalsePositiveRate ? 0 : 1;
    }

    /// <summary>The corpus folder, searched upwards from the benchmark binaries and from the current directory.</summary>
    private static string FindCorpus()
    {
        foreach (var start in (string[])[AppContext.BaseDirectory, Environment.CurrentDirectory])
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "tests", "Chitin.Skills.Vetting.Tests", "Corpus");
                if (File.Exists(Path.Combine(candidate, "corpus.json")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("The vetting corpus (tests/Chitin.Skills.Vetting.Tests/Corpus/corpus.json) was not found above " + AppContext.BaseDirectory + " or the current directory; run the benchmark from the repository.");
    }

    private static List<(string Kind, string Directory)> LoadCorpus(string corpus)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(corpus, "corpus.json")));
        return document.RootElement.GetProperty("skills").EnumerateArray()
            .Select(e => (e.GetProperty("kind").GetString()!, Path.Combine(corpus, e.GetProperty("kind").GetString()!, e.GetProperty("name").GetString()!)))
            .ToList();
    }

    private static double Percentile(List<double> sorted, double fraction) => sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(fraction * sorted.Count))];

    private static double Ratio(int count, int total) => total == 0 ? 0 : (double)count / total;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
