namespace Chitin.Skills.Index;

/// <summary>Limits of the skills index in the system prompt.</summary>
public sealed record SkillIndexOptions
{
    /// <summary>Most tokens the whole index layer may take; skills that do not fit are left to <c>skill_search</c>.</summary>
    public int MaxTokens { get; init; } = 1_500;
}
