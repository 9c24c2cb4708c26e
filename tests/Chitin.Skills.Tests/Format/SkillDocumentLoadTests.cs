using System.Diagnostics;
using System.Text;
using Chitin.Skills.Format;
using Chitin.Skills.Tests.Discovery;
using Chitin.Skills.Vetting;

namespace Chitin.Skills.Tests.Format;

public sealed class SkillDocumentLoadTests : IDisposable
{
    private readonly SkillTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void A_skill_folder_loads_with_its_folder_name()
    {
        var folder = SkillTree.Write(_tree.Root, "csv-report");

        var document = SkillDocument.Load(folder + Path.DirectorySeparatorChar);

        Assert.True(document.IsValid);
        Assert.Equal("csv-report", document.FolderName);
        Assert.Equal("csv-report", document.Manifest!.Name);
    }

    [Fact]
    public void A_missing_folder_or_file_is_a_finding_not_an_exception()
    {
        var missingFolder = SkillDocument.Load(Path.Combine(_tree.Root, "nope"));
        Assert.Equal(SkillSpecRules.File, Assert.Single(missingFolder.Findings).Rule);
        Assert.Contains("does not exist", missingFolder.Findings[0].Message, StringComparison.Ordinal);

        var empty = Directory.CreateDirectory(Path.Combine(_tree.Root, "empty")).FullName;
        var missingFile = SkillDocument.Load(empty);
        Assert.Contains("has no SKILL.md", Assert.Single(missingFile.Findings).Message, StringComparison.Ordinal);
        Assert.Null(missingFile.Manifest);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_block_with_their_line()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_tree.Root, "latin")).FullName;
        var bytes = Encoding.UTF8.GetBytes("---\nname: latin\ndescription: caf").Concat(new byte[] { 0xE9, 0x0A }).Concat(Encoding.UTF8.GetBytes("---\n")).ToArray();
        File.WriteAllBytes(Path.Combine(folder, "SKILL.md"), bytes);

        var finding = Assert.Single(SkillDocument.Load(folder).Findings);

        Assert.Equal(SkillSpecRules.Encoding, finding.Rule);
        Assert.Equal(3, finding.Line);
        Assert.Equal(FindingSeverity.Block, finding.Severity);
        Assert.Contains("UTF-8", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_utf16_file_is_reported_as_not_utf8()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_tree.Root, "wide")).FullName;
        File.WriteAllText(Path.Combine(folder, "SKILL.md"), SkillTree.Markdown("wide", "d. Use when x."), Encoding.Unicode);

        var finding = Assert.Single(SkillDocument.Load(folder).Findings);

        Assert.Equal(SkillSpecRules.Encoding, finding.Rule);
        Assert.Equal(1, finding.Line);
    }

    [Fact]
    public void An_oversized_skill_file_is_refused_unread()
    {
        var folder = SkillTree.Write(_tree.Root, "big", body: new string('x', SkillSpecValidator.MaxSkillFileBytes + 10));

        var finding = Assert.Single(SkillDocument.Load(folder).Findings);

        Assert.Equal(SkillSpecRules.FileSize, finding.Rule);
        Assert.Equal(FindingSeverity.Block, finding.Severity);
    }

    [Fact]
    public void A_skill_file_linking_outside_its_folder_is_refused()
    {
        var secret = Path.Combine(_tree.Root, "outside.md");
        File.WriteAllText(secret, SkillTree.Markdown("linked", "d. Use when x."));
        var folder = Directory.CreateDirectory(Path.Combine(_tree.Root, "linked")).FullName;
        File.CreateSymbolicLink(Path.Combine(folder, "SKILL.md"), secret);

        var finding = Assert.Single(SkillDocument.Load(folder).Findings);

        Assert.Equal(SkillSpecRules.File, finding.Rule);
        Assert.Contains("outside the skill folder", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_skill_file_linking_inside_its_folder_is_read()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_tree.Root, "inner")).FullName;
        File.WriteAllText(Path.Combine(folder, "real.md"), SkillTree.Markdown("inner", "d. Use when x."));
        File.CreateSymbolicLink(Path.Combine(folder, "SKILL.md"), "real.md");

        Assert.True(SkillDocument.Load(folder).IsValid);
    }

    [Fact]
    public void A_fifo_named_skill_md_does_not_hang_loading()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var folder = Directory.CreateDirectory(Path.Combine(_tree.Root, "fifo")).FullName;
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", Path.Combine(folder, "SKILL.md")) { UseShellExecute = false })!)
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var document = SkillDocument.Load(folder);

        Assert.False(document.IsValid);
        Assert.Equal(SkillSpecRules.FrontMatter, Assert.Single(document.Findings).Rule);
    }
}
