namespace Chitin.Skills.Vetting.Scanning;

/// <summary>
/// One entry of a skill folder as read for vetting: its path relative to the folder ('/' separated), its full size,
/// the bytes kept for scanning (at most the per-file cap) and, for a link, where it points.
/// </summary>
internal sealed class SkillFileEntry
{
    public required string RelativePath { get; init; }

    public required SkillEntryKind Kind { get; init; }

    public long Length { get; init; }

    /// <summary>The first bytes of the file kept for scanning; empty when the file was not kept (over the file or total limits).</summary>
    public byte[] Head { get; init; } = [];

    /// <summary>True when the file is larger than what was kept in <see cref="Head"/>.</summary>
    public bool Truncated { get; init; }

    /// <summary>False when the file was hashed but not kept for scanning because a folder limit was reached.</summary>
    public bool Retained { get; init; } = true;

    public string? LinkTarget { get; init; }

    public bool LinkPointsOutside { get; init; }

    public string? Error { get; init; }
}
