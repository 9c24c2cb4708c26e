namespace Chitin.Skills.Library;

/// <summary>The result of checking an installed skill against its pin right before use.</summary>
public sealed record SkillVerification
{
    public required string Name { get; init; }

    public required SkillVerifyOutcome Outcome { get; init; }

    /// <summary>Whether the skill may reach the model now.</summary>
    public required bool Usable { get; init; }

    /// <summary>Why it may not be used, in words for the user.</summary>
    public string? Reason { get; init; }

    public string? PinnedHash { get; init; }

    public string? CurrentHash { get; init; }

    /// <summary>The new vetting report when the content changed.</summary>
    public VetReport? Report { get; init; }
}
