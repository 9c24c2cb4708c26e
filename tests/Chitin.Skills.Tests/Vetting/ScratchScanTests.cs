using Chitin.Skills.Format;
using Chitin.Skills.Vetting;
using Xunit.Abstractions;

namespace Chitin.Skills.Tests.Vetting;

public sealed class ScratchScanTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Scan_folder_from_environment()
    {
        var root = Environment.GetEnvironmentVariable("VET_SCAN_DIR");
        if (root is null) return;
        var vetter = new SkillVetter();
        int pass = 0, warn = 0, block = 0;
        foreach (var dir in Directory.GetDirectories(root).Order())
        {
            if (!File.Exists(Path.Combine(dir, "SKILL.md"))) continue;
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var r = await vetter.VetAsync(dir, [], default);
            sw.Stop();
            switch (r.Verdict) { case VetVerdict.Pass: pass++; break; case VetVerdict.Warn: warn++; break; default: block++; break; }
            output.WriteLine($"{r.Verdict} {Path.GetFileName(dir)} {sw.Elapsed.TotalMilliseconds:0.0}ms");
            foreach (var f in r.Findings.Where(f => f.Severity != FindingSeverity.Info)) output.WriteLine($"    {f.Severity} {f.File}:{f.Line} {f.Rule} | {f.Excerpt}");
        }
        output.WriteLine($"pass {pass} warn {warn} block {block}");
    }
}
