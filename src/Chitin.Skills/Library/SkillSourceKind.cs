namespace Chitin.Skills.Library;

/// <summary>Where an installed version came from.</summary>
public enum SkillSourceKind
{
    Folder,
    Zip,
    Distilled,
}
