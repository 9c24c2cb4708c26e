namespace Chitin.Skills.Vetting.Scanning;

/// <summary>A file of the skill that is not text, with what its magic bytes say it is.</summary>
internal sealed record BinaryFile(SkillFileEntry Entry, BinaryKind Kind, string Description);
