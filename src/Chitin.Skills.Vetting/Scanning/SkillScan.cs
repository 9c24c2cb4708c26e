namespace Chitin.Skills.Vetting.Scanning;

/// <summary>Everything the content rules look at: the decoded text files, the binary files and SKILL.md's front matter.</summary>
internal sealed class SkillScan
{
    public required SkillFolderSnapshot Snapshot { get; init; }

    public required IReadOnlyList<VetFile> TextFiles { get; init; }

    public required IReadOnlyList<BinaryFile> BinaryFiles { get; init; }

    public VetFile? SkillMarkdown { get; init; }

    public SkillFrontMatter FrontMatter { get; init; } = new(null, 0, null, 0, 1);

    /// <summary>Findings made while reading (limits, encodings); the vetter adds them before running the rules.</summary>
    public List<SkillFinding> ReadFindings { get; } = [];
}
