namespace Chitin.Skills.Vetting.Scanning;

/// <summary>
/// Collects findings, keeping one per file, line and rule (the most severe), and applies context: a match hidden from
/// a human reviewer (an HTML comment, a hidden element) is escalated from warning to block; a match in documentation
/// that warns about or searches for the pattern is reported at most as a warning.
/// </summary>
internal sealed class FindingSink
{
    private readonly Dictionary<(string File, int Line, string Rule), SkillFinding> findings = [];

    public const int MaxPerFileAndRule = 5;

    /// <summary>Reports a match found at <paramref name="lineIndex"/> (0-based) of <paramref name="file"/>, adjusted for its context.</summary>
    public void Add(VetFile file, int lineIndex, string rule, FindingSeverity severity, string message, string? focus = null, bool contextual = true)
    {
        var line = file.Lines[lineIndex];
        if (contextual && severity != FindingSeverity.Info)
        {
            if (line.Zone == LineZone.Hidden)
            {
                if (severity == FindingSeverity.Warning)
                {
                    message += " It is hidden from a human reader (HTML comment or hidden element), which makes it worse.";
                }

                severity = FindingSeverity.Block;
            }
            else if (line.Cautionary && severity == FindingSeverity.Block)
            {
                severity = FindingSeverity.Warning;
                message += " It appears in documentation that warns about or searches for this pattern, so it is a warning rather than a block; check that nothing here tells the agent to run it.";
            }
        }

        Put(new SkillFinding(file.RelativePath, lineIndex + 1, rule, severity, message, Excerpts.Of(file.LineSpan(lineIndex), focus)));
    }

    /// <summary>Reports a finding with an explicit location and excerpt (whole-file findings use line 0).</summary>
    /// <summary>A finding that blocks with <paramref name="blockMessage"/> when <paramref name="block"/>, and otherwise warns with <paramref name="warningMessage"/>.</summary>
    public void AddBlockOrWarning(VetFile file, int lineIndex, string rule, bool block, string blockMessage, string warningMessage, string? focus = null, bool contextual = true) =>
        Add(file, lineIndex, rule, block ? FindingSeverity.Block : FindingSeverity.Warning, block ? blockMessage : warningMessage, focus, contextual);

    public void Add(string file, int line, string rule, FindingSeverity severity, string message, string excerpt = "") =>
        Put(new SkillFinding(file, line, rule, severity, message, excerpt.Length > Excerpts.MaxLength ? Excerpts.Of(excerpt) : excerpt));

    public void Add(SkillFinding finding) => Put(finding);

    /// <summary>
    /// All findings in file, line, rule order. At most <see cref="MaxPerFileAndRule"/> per file and rule are kept (the
    /// most severe, then the earliest), so one pattern repeated through a file does not bury everything else.
    /// </summary>
    public IReadOnlyList<SkillFinding> ToSortedList()
    {
        var list = findings.Values
            .GroupBy(f => (f.File, f.Rule))
            .SelectMany(g => g.OrderByDescending(f => f.Severity).ThenBy(f => f.Line).Take(MaxPerFileAndRule))
            .ToList();
        list.Sort(static (a, b) =>
        {
            var byFile = string.CompareOrdinal(a.File, b.File);
            if (byFile != 0)
            {
                return byFile;
            }

            var byLine = a.Line.CompareTo(b.Line);
            return byLine != 0 ? byLine : string.CompareOrdinal(a.Rule, b.Rule);
        });
        return list;
    }

    private void Put(SkillFinding finding)
    {
        var key = (finding.File, finding.Line, finding.Rule);
        if (!findings.TryGetValue(key, out var existing) || existing.Severity < finding.Severity)
        {
            findings[key] = finding;
        }
    }
}
