namespace Chitin.Skills.Vetting.Rules;

/// <summary>"Without asking", "do not ask for confirmation", "auto-approve": instructions to skip the user's consent. A warning (blocks when hidden).</summary>
internal sealed partial class ActWithoutConsentRule() : LineRule(
    "inject.act-without-consent", FindingSeverity.Warning, "Instructions to act without the user's consent (without asking, do not ask for confirmation, auto-approve).")
{
    protected override SearchValues<string> Triggers { get; } = Words("without", "ask", "approv", "confirm", "consent", "permission");

    protected override void CheckUnit(VetFile file, TextUnit unit, FindingSink sink) =>
        ReportText(file, unit, sink, WithoutConsent(), FindingSeverity.Warning,
            "Tells the agent to act without the user's consent. Approval decisions belong to the user's policy, not to a skill.");

    [GeneratedRegex(@"\bwithout\s+(first\s+)?asking\b|\bwithout\s+(first\s+)?(prompting|requesting|seeking|waiting\s+for|getting|needing|requiring)\s+(for\s+)?(the\s+user'?s?\s+|user\s+|their\s+|any\s+|explicit\s+|further\s+|prior\s+)?(permission|confirmation|approval|consent|authori[sz]ation)\b|\b(do\s+not|don'?t|never)\s+(ask|wait)\s+(the\s+user\s+)?(for\s+)?(permission|confirmation|approval|consent)\b|\bauto-?(approve|confirm|accept)\s+(all|every|any)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex WithoutConsent();
}
