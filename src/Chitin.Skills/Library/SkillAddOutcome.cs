namespace Chitin.Skills.Library;

public enum SkillAddOutcome
{
    /// <summary>Installed and pinned (a new skill, or a new version with <see cref="SkillAddOptions.Replace"/>).</summary>
    Installed,

    /// <summary>The source is missing, not a skill, or a hostile archive or folder. Nothing was installed.</summary>
    Rejected,

    /// <summary>SKILL.md breaks the Agent Skills specification. Nothing was installed.</summary>
    Invalid,

    /// <summary>The vetter blocked it. Nothing was installed.</summary>
    Blocked,

    /// <summary>The vetter warned and nobody approved. Nothing was installed.</summary>
    NeedsApproval,

    /// <summary>A skill of that name is installed and <see cref="SkillAddOptions.Replace"/> was not set. Nothing changed.</summary>
    AlreadyInstalled,
}
