namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// A rule that looks at one unit at a time. Units that contain none of the rule's trigger words are skipped with a
/// vectorised search, so the regular expressions only run where they can match.
/// </summary>
internal abstract class LineRule(string id, FindingSeverity severity, string description) : VetRule(id, severity, description)
{
    /// <summary>Words (case-insensitive) at least one of which must occur in a unit's text or code view for the rule to look at it.</summary>
    protected abstract SearchValues<string> Triggers { get; }

    public override void Check(SkillScan scan, FindingSink sink)
    {
        foreach (var file in scan.TextFiles)
        {
            foreach (var unit in file.Units)
            {
                if (!unit.Code.AsSpan().ContainsAny(Triggers) && !unit.Text.AsSpan().ContainsAny(Triggers))
                {
                    continue;
                }

                try
                {
                    CheckUnit(file, unit, sink);
                }
                catch (RegexMatchTimeoutException)
                {
                    sink.Add(file, unit.FirstLine, "vet.rule-timeout", FindingSeverity.Warning, $"Rule {Id} timed out on this text, so it could not be checked; review it by hand.");
                }
            }
        }
    }

    protected abstract void CheckUnit(VetFile file, TextUnit unit, FindingSink sink);

    protected static SearchValues<string> Words(params string[] words) => SearchValues.Create(words, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reports the first match of <paramref name="pattern"/> in the unit's code view; true when one was found.</summary>
    protected bool ReportCode(VetFile file, TextUnit unit, FindingSink sink, Regex pattern, FindingSeverity severity, string message) =>
        ReportFirst(file, unit, pattern.Match(unit.Code), inCode: true, sink, severity, message);

    /// <summary>Reports the first match of <paramref name="pattern"/> in the unit's text view; true when one was found.</summary>
    protected bool ReportText(VetFile file, TextUnit unit, FindingSink sink, Regex pattern, FindingSeverity severity, string message) =>
        ReportFirst(file, unit, pattern.Match(unit.Text), inCode: false, sink, severity, message);

    /// <summary>Reports <paramref name="match"/>, found in the unit's code (<paramref name="inCode"/>) or text view; true when it succeeded.</summary>
    protected bool ReportFirst(VetFile file, TextUnit unit, Match match, bool inCode, FindingSink sink, FindingSeverity severity, string message)
    {
        if (!match.Success)
        {
            return false;
        }

        sink.Add(file, inCode ? unit.LineOfCode(match.Index) : unit.LineOfText(match.Index), Id, severity, message, FocusOf(match.Value));
        return true;
    }

    protected static string FocusOf(string matched)
    {
        var trimmed = matched.TrimStart();
        var end = trimmed.IndexOfAny([' ', '\n']);
        return end > 0 ? trimmed[..end] : trimmed;
    }
}
