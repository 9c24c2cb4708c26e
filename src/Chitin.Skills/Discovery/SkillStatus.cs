namespace Chitin.Skills.Discovery;

/// <summary>Whether a discovered skill may reach the model. Only <see cref="Available"/> ones are listed in the prompt.</summary>
public enum SkillStatus
{
    /// <summary>Valid, vetted as pass (or its warnings approved, or no vetter configured), enabled and its requirements met.</summary>
    Available,

    /// <summary>Its requirements (binaries, environment variables, operating system) are not met here.</summary>
    Hidden,

    /// <summary>Turned off by the user.</summary>
    Disabled,

    /// <summary>Vetting blocks it: its content never reaches the model, by any tool.</summary>
    Blocked,

    /// <summary>Vetting warns about it and nobody approved those warnings for its current content.</summary>
    NeedsApproval,

    /// <summary>Its SKILL.md breaks the specification (see the document's findings).</summary>
    Invalid,
}
