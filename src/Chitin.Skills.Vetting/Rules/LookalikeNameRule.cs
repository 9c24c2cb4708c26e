namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// A skill named like a well-known or installed skill but not quite: one edit away (Damerau-Levenshtein distance 1,
/// e.g. "clawhub1", "cllawhub"), a look-alike letter or digit ("c1awhub", Cyrillic "сlawhub"), or the name plus a
/// random suffix ("gog-5w7zvby", the pattern of ClawHavoc's mass-uploaded clones). Look-alike letters block; the others warn.
/// </summary>
internal static class LookalikeNameRule
{
    public const string Id = "name.lookalike";
    private const int MinimumNameLength = 5;

    public static void Check(string folderName, string? declaredName, int declaredNameLine, IEnumerable<string> knownNames, FindingSink sink)
    {
        var known = knownNames.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, file, line) in Candidates(folderName, declaredName, declaredNameLine))
        {
            if (known.Contains(name))
            {
                continue;
            }

            if (Compare(name, known) is { } finding)
            {
                sink.Add(file, line, Id, finding.Severity, finding.Message, name);
                return;
            }
        }
    }

    private static IEnumerable<(string Name, string File, int Line)> Candidates(string folderName, string? declaredName, int declaredNameLine)
    {
        if (!string.IsNullOrWhiteSpace(declaredName))
        {
            yield return (declaredName.Trim(), "SKILL.md", declaredNameLine);
        }

        if (!string.IsNullOrWhiteSpace(folderName) && !string.Equals(folderName, declaredName?.Trim(), StringComparison.Ordinal))
        {
            yield return (folderName, ".", 0);
        }
    }

    private static (FindingSeverity Severity, string Message)? Compare(string name, HashSet<string> known)
    {
        var deconfused = Deconfuse(name);
        var lower = name.ToLowerInvariant();
        foreach (var target in known)
        {
            if (!string.Equals(deconfused, lower, StringComparison.Ordinal) && string.Equals(deconfused, target, StringComparison.Ordinal))
            {
                return (FindingSeverity.Block, $"The name '{name}' imitates the well-known skill '{target}' with look-alike letters or digits. Impersonating a known skill is a typosquatting attack; rename it.");
            }
        }

        foreach (var target in known)
        {
            if (target.Length >= MinimumNameLength && DamerauLevenshtein.IsAtMostOne(lower, target))
            {
                return (FindingSeverity.Warning, $"The name '{name}' is one edit away from the well-known skill '{target}'. If this is not '{target}', rename it so it cannot be mistaken for it (typosquats like 'clawhub1' spread malware on ClawHub).");
            }

            if (lower.Length > target.Length + 1 && lower.StartsWith(target + "-", StringComparison.Ordinal) && IsRandomSuffix(lower.AsSpan(target.Length + 1)))
            {
                return (FindingSeverity.Warning, $"The name '{name}' is the well-known skill '{target}' plus a random-looking suffix, the pattern of the cloned skills in the ClawHavoc campaign. Check the publisher.");
            }
        }

        return null;
    }

    /// <summary>Lower-cases and maps look-alike letters and digits to the letters they imitate (0→o, 1→l, 3→e, 5→s, Cyrillic а→a…).</summary>
    private static string Deconfuse(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            var ascii = Confusables.ToAscii(rune) ?? (rune.IsAscii ? (char)rune.Value : '?');
            builder.Append(char.ToLowerInvariant(ascii switch { '0' => 'o', '1' => 'l', '3' => 'e', '5' => 's', '4' => 'a', '7' => 't', _ => ascii }));
        }

        return builder.ToString();
    }

    /// <summary>4 to 8 letters and digits with at least one digit and one letter ("5w7zvby", "1kv", "ah1").</summary>
    private static bool IsRandomSuffix(ReadOnlySpan<char> suffix)
    {
        if (suffix.Length is < 3 or > 8)
        {
            return false;
        }

        bool digit = false, letter = false;
        foreach (var c in suffix)
        {
            if (char.IsAsciiDigit(c))
            {
                digit = true;
            }
            else if (char.IsAsciiLetterLower(c))
            {
                letter = true;
            }
            else
            {
                return false;
            }
        }

        return digit && letter;
    }
}
