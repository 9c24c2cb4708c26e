namespace Chitin.Skills.Library;

/// <summary>A skill copied or extracted into staging, in a folder named after the skill.</summary>
internal sealed record StagedSkill(string Directory, SkillSourceKind Source);
