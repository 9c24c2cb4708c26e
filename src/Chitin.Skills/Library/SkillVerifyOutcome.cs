namespace Chitin.Skills.Library;

public enum SkillVerifyOutcome
{
    /// <summary>Not installed through the library (project, shipped or hand-copied): discovery's own vetting decides.</summary>
    NotManaged,

    /// <summary>The content still matches the pin.</summary>
    Unchanged,

    /// <summary>The content changed, vetting passed again and the new content is pinned.</summary>
    Repinned,

    /// <summary>The verdict is warn (before or after a change) and the warnings are not approved.</summary>
    NeedsApproval,

    /// <summary>The content changed and vetting now blocks it; the skill was disabled.</summary>
    Blocked,

    /// <summary>Disabled by the user or a draft waiting for review.</summary>
    Disabled,

    /// <summary>The installed folder is gone.</summary>
    Missing,
}
