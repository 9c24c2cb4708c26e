namespace Chitin.Skills.Vetting.Scanning;

/// <summary>A file of the skill that is not text, with what its magic bytes say it is.</summary>
/// <param name="ArchiveProblem">For an archive: why it could not be inspected completely, or null when all of its files were vetted.</param>
/// <param name="InsideArchive">True for a file found inside an archive of the skill.</param>
internal sealed record BinaryFile(SkillFileEntry Entry, BinaryKind Kind, string Description, string? ArchiveProblem = null, bool InsideArchive = false);
