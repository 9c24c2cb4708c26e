namespace Chitin.Skills.Vetting.Scanning;

/// <summary>
/// What was found inside an archive: its files (as entries whose path is <c>archive!/inner/path</c>), and, when it
/// could not be inspected completely, why (encrypted, unsupported format, nested archive, too large, unsafe paths).
/// </summary>
internal sealed class ArchiveContents
{
    public List<SkillFileEntry> Files { get; } = [];

    public string? Problem { get; set; }

    public bool FullyInspected => Problem is null;
}
