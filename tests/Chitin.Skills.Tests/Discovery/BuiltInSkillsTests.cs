using Chitin.Skills.Vetting;

namespace Chitin.Skills.Tests.Discovery;

public sealed class BuiltInSkillsTests
{
    [Fact]
    public async Task The_skills_shipped_with_chitin_pass_vetting()
    {
        var builtIn = Path.Combine(AppContext.BaseDirectory, "BuiltIn");
        var folders = Directory.GetDirectories(builtIn);
        Assert.NotEmpty(folders);
        var vetter = new SkillVetter();

        foreach (var folder in folders)
        {
            var report = await vetter.VetAsync(folder, [], CancellationToken.None);
            Assert.True(report.Verdict == VetVerdict.Pass, $"{Path.GetFileName(folder)}: {string.Join("; ", report.Findings.Select(f => $"{f.File}:{f.Line} {f.Rule} {f.Severity}"))}");
        }
    }
}
