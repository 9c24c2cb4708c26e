namespace Chitin.Skills.Library;

/// <summary>How <see cref="SkillLibrary.AddAsync"/> treats warnings and an already installed skill of the same name.</summary>
public sealed record SkillAddOptions
{
    /// <summary>Install a skill whose verdict is warn (the user approved it up front, e.g. <c>--approve-warnings</c>).</summary>
    public bool ApproveWarnings { get; init; }

    /// <summary>Asked when the verdict is warn and <see cref="ApproveWarnings"/> is false; true approves the install.</summary>
    public Func<VetReport, bool>? ConfirmWarnings { get; init; }

    /// <summary>Install over a skill of the same name as its next version; the current one is kept in the history.</summary>
    public bool Replace { get; init; }

    /// <summary>Installed disabled, as a draft the user reviews and enables (distilled skills).</summary>
    internal bool AsDraft { get; init; }

    /// <summary>The session a distilled skill came from.</summary>
    internal string? DistilledFrom { get; init; }

    /// <summary>What the lock file records as the origin instead of the source path.</summary>
    internal string? Origin { get; init; }
}
