namespace Chitin.Skills.Discovery;

/// <summary>Where a skill was found, nearest first: when two define the same name, the earlier origin wins.</summary>
public enum SkillOrigin
{
    /// <summary><c>.chitin/skills/</c> in the workspace.</summary>
    Project,

    /// <summary><c>.agents/skills/</c> in the workspace.</summary>
    ProjectAgents,

    /// <summary><c>.claude/skills/</c> in the workspace (interoperability with Claude Code).</summary>
    ProjectClaude,

    /// <summary><c>$CHITIN_HOME/skills/</c>.</summary>
    User,

    /// <summary>Shipped with Chitin.</summary>
    BuiltIn,
}
