namespace Chitin.Skills.Vetting.Rules;

/// <summary>Quality lint: neither the description nor the body says when the skill should be used.</summary>
internal sealed partial class WhenToUseRule() : VetRule(
    "quality.no-when-to-use", FindingSeverity.Warning, "Neither the description nor the body says when to use the skill.")
{
    public override void Check(SkillScan scan, FindingSink sink)
    {
        if (scan.SkillMarkdown is not { } skill || string.IsNullOrWhiteSpace(scan.FrontMatter.Description))
        {
            return;
        }

        if (Trigger().IsMatch(scan.FrontMatter.Description))
        {
            return;
        }

        foreach (var unit in skill.Units)
        {
            if (unit.Zone == LineZone.Prose && (Trigger().IsMatch(unit.Text) || WhenHeading().IsMatch(unit.Text)))
            {
                return;
            }
        }

        sink.Add("SKILL.md", scan.FrontMatter.DescriptionLine, Id, FindingSeverity.Warning,
            "Does not say when to use the skill. Add it to the description (\"Use when the user asks to …\") so the model loads the skill at the right moments.");
    }

    [GeneratedRegex(@"\b(use\s+(this|it|when|for|to|if|whenever|after|before|during)|used\s+(when|for|to)|when\s+(the\s+user|you|asked|working|a\s+user|users|needing|dealing|handling|someone|creating|writing|editing|debugging|deploying|building|running|setting|reviewing|the\s+task)|whenever|triggers?\s+(when|on|by|for)|if\s+the\s+user|for\s+(tasks|requests|questions|work)\s+(about|involving|that|on|with)|applies\s+(when|to)|invoke\s+(when|this|it)|ideal\s+for|helps?\s+(when|with)|should\s+be\s+used)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex Trigger();

    [GeneratedRegex(@"^\s*#{1,6}\s*(when\s+to\s+(use|apply|invoke)|usage|use\s+cases?|triggers?|when\s+this\s+(skill\s+)?applies)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex WhenHeading();
}
