using System.Globalization;
using Xunit.Abstractions;

namespace Chitin.Skills.Vetting.Tests;

public sealed class CorpusTests(ITestOutputHelper output)
{
    private const double RecallTarget = 0.95;
    private const double FalsePositiveTarget = 0.05;

    [Fact]
    public void Corpus_has_at_least_45_malicious_and_45_benign_skills_each_with_a_technique_and_a_reference()
    {
        Assert.True(VetCorpus.Malicious.Count() >= 45, $"only {VetCorpus.Malicious.Count()} malicious skills");
        Assert.True(VetCorpus.Benign.Count() >= 45, $"only {VetCorpus.Benign.Count()} benign skills");
        foreach (var skill in VetCorpus.Skills)
        {
            Assert.True(File.Exists(Path.Combine(skill.Directory, "SKILL.md")), $"{skill.Kind}/{skill.Name} has no SKILL.md");
            Assert.False(string.IsNullOrWhiteSpace(skill.Technique));
            Assert.False(string.IsNullOrWhiteSpace(skill.Reference));
        }

        var onDisk = Directory.GetDirectories(Path.Combine(VetCorpus.Root, "malicious")).Concat(Directory.GetDirectories(Path.Combine(VetCorpus.Root, "benign")))
            .Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(VetCorpus.Skills.Select(s => s.Name).Order(StringComparer.Ordinal).ToList(), onDisk);
    }

    [Fact]
    public async Task Vetter_blocks_at_least_95_percent_of_malicious_skills_and_at_most_5_percent_of_benign_ones()
    {
        var vetter = new SkillVetter();
        var maliciousReports = new List<(CorpusSkill Skill, VetReport Report)>();
        var benignReports = new List<(CorpusSkill Skill, VetReport Report)>();
        foreach (var skill in VetCorpus.Skills)
        {
            var report = await vetter.VetAsync(skill.Directory, [], CancellationToken.None);
            (skill.Kind == "malicious" ? maliciousReports : benignReports).Add((skill, report));
        }

        foreach (var (skill, report) in maliciousReports.Where(r => r.Report.Verdict == VetVerdict.Block))
        {
            output.WriteLine($"blocked malicious/{skill.Name}: {string.Join(", ", report.Findings.Where(f => f.Severity == FindingSeverity.Block).Select(f => f.Rule).Distinct())}");
        }

        foreach (var (skill, report) in maliciousReports.Where(r => r.Report.Verdict != VetVerdict.Block))
        {
            output.WriteLine($"MISSED malicious/{skill.Name} ({skill.Technique}): {report.Verdict}");
            Dump(report);
        }

        foreach (var (skill, report) in benignReports.Where(r => r.Report.Verdict != VetVerdict.Pass))
        {
            output.WriteLine($"{(report.Verdict == VetVerdict.Block ? "FALSE POSITIVE" : "warned")} benign/{skill.Name}: {report.Verdict}");
            Dump(report);
        }

        var recall = Ratio(maliciousReports.Count(r => r.Report.Verdict == VetVerdict.Block), maliciousReports.Count);
        var falsePositiveRate = Ratio(benignReports.Count(r => r.Report.Verdict == VetVerdict.Block), benignReports.Count);
        var warnRate = Ratio(benignReports.Count(r => r.Report.Verdict == VetVerdict.Warn), benignReports.Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT recall on malicious {recall:P1} ({maliciousReports.Count} skills, target >= {RecallTarget:P0}); false-positive rate on benign {falsePositiveRate:P1}, warn rate {warnRate:P1} ({benignReports.Count} skills, target FPR <= {FalsePositiveTarget:P0})"));

        Assert.True(recall >= RecallTarget, $"recall {recall:P1} is below {RecallTarget:P0}");
        Assert.True(falsePositiveRate <= FalsePositiveTarget, $"false-positive rate {falsePositiveRate:P1} is above {FalsePositiveTarget:P0}");
    }

    private void Dump(VetReport report)
    {
        foreach (var finding in report.Findings.Where(f => f.Severity != FindingSeverity.Info))
        {
            output.WriteLine($"    {finding.Severity} {finding.File}:{finding.Line} {finding.Rule} | {finding.Excerpt}");
        }
    }

    private static double Ratio(int count, int total) => total == 0 ? 0 : (double)count / total;
}
