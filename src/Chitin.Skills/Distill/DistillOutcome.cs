namespace Chitin.Skills.Distill;

public enum DistillOutcome
{
    /// <summary>Stored as a new draft skill (version 1).</summary>
    Stored,

    /// <summary>Stored as the next version of a near-identical installed skill; the previous version is kept.</summary>
    NewVersion,

    /// <summary>The session is missing or not a success (not done, or unresolved tool errors). No model call was made.</summary>
    Refused,

    /// <summary>The model's answer was not the JSON asked for. Nothing was written.</summary>
    InvalidModelOutput,

    /// <summary>The draft breaks the Agent Skills specification. Nothing was written.</summary>
    Invalid,

    /// <summary>The vetter blocks the draft. Nothing was written.</summary>
    Blocked,

    /// <summary>The library could not store it (for example a hand-copied folder of that name). Nothing was written.</summary>
    NotStored,
}
