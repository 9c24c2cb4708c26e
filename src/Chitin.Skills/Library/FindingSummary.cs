namespace Chitin.Skills.Library;

/// <summary>The worst few findings in one line, for reasons shown to the user.</summary>
internal static class FindingSummary
{
    public static string Of(IEnumerable<SkillFinding> findings, FindingSeverity atLeast, int max = 3)
    {
        var worst = findings.Where(f => f.Severity >= atLeast).OrderByDescending(f => f.Severity).ToList();
        if (worst.Count == 0)
        {
            return "no details were reported";
        }

        var shown = worst.Take(max).Select(Describe);
        var more = worst.Count > max ? string.Create(CultureInfo.InvariantCulture, $"; and {worst.Count - max} more") : "";
        return string.Join("; ", shown) + more;
    }

    private static string Describe(SkillFinding f)
    {
        var where = f.Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{f.File}:{f.Line}") : f.File;
        // Callers end the sentence themselves.
        return $"{f.Rule} at {where}: {f.Message.TrimEnd().TrimEnd('.')}";
    }
}
