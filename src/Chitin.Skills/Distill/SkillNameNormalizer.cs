namespace Chitin.Skills.Distill;

/// <summary>Makes a spec-valid skill name (lowercase letters, digits, single hyphens, at most 64) from what the model proposed.</summary>
internal static class SkillNameNormalizer
{
    public const int MaxLength = 64;

    public static string Normalize(string proposed)
    {
        var sb = new StringBuilder(proposed.Length);
        foreach (var c in proposed.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var name = sb.ToString().Trim('-');
        if (name.Length > MaxLength)
        {
            name = name[..MaxLength].TrimEnd('-');
        }

        return name.Length == 0 ? "distilled-skill" : name;
    }
}
