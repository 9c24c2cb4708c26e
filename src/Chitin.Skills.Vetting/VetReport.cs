namespace Chitin.Skills.Vetting;

/// <summary>The verdict on one skill folder, the SHA-256 content hash it was computed for, and every finding.</summary>
public sealed record VetReport(VetVerdict Verdict, string ContentHash, IReadOnlyList<SkillFinding> Findings)
{
    /// <summary>Block if any finding blocks, warn if any warns, pass otherwise.</summary>
    public static VetVerdict VerdictOf(IEnumerable<SkillFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var verdict = VetVerdict.Pass;
        foreach (var finding in findings)
        {
            if (finding.Severity == FindingSeverity.Block)
            {
                return VetVerdict.Block;
            }

            if (finding.Severity == FindingSeverity.Warning)
            {
                verdict = VetVerdict.Warn;
            }
        }

        return verdict;
    }
}
