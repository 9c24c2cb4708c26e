namespace Chitin.Skills.Configuration;

/// <summary>The "skills" config section.</summary>
/// <param name="Enabled">Skill index, skill tools and skill-scoped permissions on or off.</param>
/// <param name="IndexTokens">Cap of the skills index in the system prompt.</param>
/// <param name="AllowWarned">Whether skills whose vetting verdict is "warn" may be used without 'chitin skills enable'.</param>
/// <param name="AutoDistill">Propose a draft skill when a run stops successfully (opt-in; one extra model call).</param>
public sealed record SkillsSettings(bool Enabled, int IndexTokens, bool AllowWarned, bool AutoDistill) : IFeatureOptions<SkillsSettings>
{
    public const int MinIndexTokens = 100;

    public const int MaxIndexTokens = 20_000;

    public static SkillsSettings Default { get; } = new(Enabled: true, IndexTokens: 1_500, AllowWarned: false, AutoDistill: false);

    public static string Section => "skills";

    public static IReadOnlyList<string> Keys { get; } = ["enabled", "indexTokens", "allowWarned", "autoDistill"];

    public static string? Check(string key, OptionValue value) => key switch
    {
        "enabled" or "allowWarned" or "autoDistill" => value.TryBoolean(out _) ? null : "must be true or false",
        "indexTokens" => value.TryInteger(out var v) && v is >= MinIndexTokens and <= MaxIndexTokens
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"must be a whole number of tokens from {MinIndexTokens} to {MaxIndexTokens}"),
        _ => null,
    };

    public static SkillsSettings Bind(OptionReader read)
    {
        var d = Default;
        return new(
            read.Boolean("enabled", d.Enabled),
            read.Int32("indexTokens", d.IndexTokens),
            read.Boolean("allowWarned", d.AllowWarned),
            read.Boolean("autoDistill", d.AutoDistill));
    }
}
