namespace Chitin.Skills.Library;

/// <summary>Whether an installed skill can reach the model, and if not, why.</summary>
public enum InstalledSkillStatus
{
    /// <summary>Enabled, pinned content unchanged, verdict pass or approved warnings.</summary>
    Ready,

    /// <summary>Distilled and waiting for the user to review and enable it.</summary>
    Draft,

    /// <summary>Disabled by the user.</summary>
    Disabled,

    /// <summary>The vetter blocks its current content.</summary>
    Blocked,

    /// <summary>Its verdict is warn and nobody approved the warnings yet.</summary>
    NeedsApproval,

    /// <summary>Its files changed since they were pinned; it is vetted again before it is used.</summary>
    Changed,

    /// <summary>Its folder is gone.</summary>
    Missing,
}
