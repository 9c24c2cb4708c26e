namespace Chitin.Hosting.Configuration;

/// <summary>The "skills" config section.</summary>
/// <param name="Enabled">Skill index, skill tools and skill-scoped permissions on or off.</param>
/// <param name="IndexTokens">Cap of the skills index in the system prompt.</param>
/// <param name="AllowWarned">Whether skills whose vetting verdict is "warn" may be used without 'chitin skills enable'.</param>
/// <param name="AutoDistill">Propose a draft skill after each successful run (opt-in; one extra model call).</param>
public sealed record SkillsSettings(bool Enabled, int IndexTokens, bool AllowWarned, bool AutoDistill)
{
    public const int MinIndexTokens = 100;

    public const int MaxIndexTokens = 20_000;

    public static SkillsSettings Default { get; } = new(Enabled: true, IndexTokens: 1_500, AllowWarned: false, AutoDistill: false);
}
