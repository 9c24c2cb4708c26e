namespace Chitin.Skills.Vetting.Scanning;

/// <summary>Every entry of a skill folder in ordinal path order, and the content hash computed from the very same bytes.</summary>
internal sealed record SkillFolderSnapshot(
    string ContentHash,
    IReadOnlyList<SkillFileEntry> Entries,
    bool FileLimitExceeded,
    bool TotalLimitExceeded);
