namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// Quality lint: a SKILL.md body over 500 lines or about 5,000 tokens (≈ 4 characters a token) costs context every time
/// the skill loads; the spec recommends moving detail into references/ that load on demand.
/// </summary>
internal sealed class OversizedBodyRule() : VetRule(
    "quality.oversized-body", FindingSeverity.Warning, "The SKILL.md body is over 500 lines or about 5,000 tokens.")
{
    private const int MaxLines = 500;
    private const int MaxTokens = 5_000;
    private const int CharsPerToken = 4;

    public override void Check(SkillScan scan, FindingSink sink)
    {
        if (scan.SkillMarkdown is not { } skill)
        {
            return;
        }

        var bodyStart = Math.Clamp(scan.FrontMatter.BodyStartLine - 1, 0, skill.Lines.Length);
        var lines = skill.Lines.Length - bodyStart;
        var chars = bodyStart < skill.Lines.Length ? skill.Raw.Length - skill.Lines[bodyStart].Start : 0;
        var tokens = chars / CharsPerToken;
        if (lines > MaxLines || tokens > MaxTokens)
        {
            sink.Add("SKILL.md", 0, Id, FindingSeverity.Warning,
                $"The body has {lines:N0} lines and about {tokens:N0} tokens (guidance: at most {MaxLines} lines and {MaxTokens:N0} tokens). Move detail into references/ files that load only when needed.");
        }
    }
}
