namespace Chitin.Skills.Vetting.Scanning;

/// <summary>What a path inside a skill folder is. Links are recorded, never followed.</summary>
internal enum SkillEntryKind
{
    File,
    SymbolicLink,
    Unreadable,
}
