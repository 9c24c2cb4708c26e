namespace Chitin.Skills.Vetting.Tests;

/// <summary>Helpers to vet snippets and assert on findings.</summary>
internal static class Vet
{
    private static readonly SkillVetter Vetter = new();

    public static Task<VetReport> FolderAsync(string directory, IReadOnlyCollection<string>? known = null) =>
        Vetter.VetAsync(directory, known ?? [], CancellationToken.None).AsTask();

    /// <summary>Vets a skill whose SKILL.md body is <paramref name="body"/> plus optional extra files.</summary>
    public static async Task<VetReport> BodyAsync(string body, params (string Path, string Content)[] files)
    {
        using var skill = new TempSkill(skillMarkdown: TempSkill.WithBody(body));
        foreach (var (path, content) in files)
        {
            skill.Write(path, content);
        }

        return await FolderAsync(skill.Directory);
    }

    /// <summary>Vets a skill with one script file holding <paramref name="script"/>.</summary>
    public static Task<VetReport> ScriptAsync(string script, string path = "scripts/run.sh") =>
        BodyAsync("Run the script in scripts/.\n", (path, script));

    public static SkillFinding Single(VetReport report, string rule)
    {
        var found = report.Findings.Where(f => f.Rule == rule).ToList();
        Assert.True(found.Count > 0, $"expected a {rule} finding; got: {Describe(report)}");
        return found.OrderByDescending(f => f.Severity).First();
    }

    public static void Has(VetReport report, string rule, FindingSeverity severity)
    {
        var finding = Single(report, rule);
        Assert.True(finding.Severity == severity, $"expected {rule} as {severity}, got {finding.Severity}: {Describe(report)}");
    }

    public static void HasNo(VetReport report, string rule) =>
        Assert.True(report.Findings.All(f => f.Rule != rule), $"expected no {rule} finding; got: {Describe(report)}");

    public static void Clean(VetReport report) =>
        Assert.True(report.Verdict == VetVerdict.Pass, $"expected pass; got {report.Verdict}: {Describe(report)}");

    public static string Describe(VetReport report) =>
        string.Join(" | ", report.Findings.Select(f => $"{f.Severity} {f.File}:{f.Line} {f.Rule} '{f.Excerpt}'"));
}
