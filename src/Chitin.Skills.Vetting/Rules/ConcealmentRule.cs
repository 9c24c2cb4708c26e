namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// Instructions to hide actions from the user: "do not tell the user", "without informing the user", "silently upload",
/// "the user must not know". Combined with an action (run, send, install, a command, credentials) it blocks; on its own
/// (e.g. "don't mention internal tool names to the user") it warns.
/// </summary>
internal sealed partial class ConcealmentRule() : LineRule(
    "inject.conceal-from-user", FindingSeverity.Block, "Instructions to hide actions from the user (do not tell the user, silently send, the user must not know).")
{
    protected override SearchValues<string> Triggers { get; } = Words("tell", "inform", "notify", "alert", "mention", "reveal", "disclose", "without", "hide", "conceal", "secret", "must not know", "should not know", "silently", "covertly", "quietly", "stealth", "background", "notice", "letting");

    protected override void CheckUnit(VetFile file, TextUnit unit, FindingSink sink)
    {
        var covert = CovertAction().Match(unit.Text);
        if (covert.Success)
        {
            sink.Add(file, unit.LineOfText(covert.Index), Id, FindingSeverity.Block,
                "Tells the agent to act covertly (silently send, secretly run…). An agent must not hide what it does from the user. Remove it.", FocusOf(covert.Value));
            return;
        }

        var hide = HideFromUser().Match(unit.Text);
        if (!hide.Success)
        {
            return;
        }

        var action = SensitiveAction().IsMatch(unit.Text);
        sink.AddBlockOrWarning(file, unit.LineOfText(hide.Index), Id, action,
            "Tells the agent to keep an action (running, sending, installing, touching credentials) from the user. An agent must not hide what it does. Remove it.",
            "Tells the agent to keep something from the user. Make sure it is harmless presentation advice and not concealment.",
            FocusOf(hide.Value));
    }

    [GeneratedRegex(@"\b(do\s+not|don'?t|never|must\s+not|should\s+not|shouldn'?t|avoid)\s+(ever\s+)?(tell|telling|inform|informing|notify|notifying|alert|alerting|mention|mentioning|reveal|revealing|disclose|disclosing|explain|report|reporting|say)\b[^\n.]{0,60}\b(user|human|owner|operator|anyone|them)\b|\b(without|w/o)\s+(telling|informing|notifying|alerting|showing|letting)\s+(the\s+|your\s+)?(user|human|owner|operator|anyone)\b|\b(hide|conceal|keep)\s+(this|it|these|that|the\s+\w+)\s+(from|secret\s+from|hidden\s+from)\s+(the\s+|your\s+)?(user|human|owner|operator)\b|\b(the\s+)?(user|human|owner)\s+(must|should|will|need)\s+(not|never)\s+(know|see|notice|find\s+out|be\s+told|learn)\b|\bso\s+(that\s+)?(the\s+)?(user|human|owner)\s+(does\s+not|doesn'?t|won'?t|will\s+not|cannot|can'?t)\s+(notice|see|know|find\s+out)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex HideFromUser();

    [GeneratedRegex(@"\b(silently|secretly|covertly|quietly|stealthily|invisibly|discreetly)\s+(send|upload|post|run|execute|install|copy|forward|exfiltrate|read|collect|transmit|download|add|modify|delete|append|write|fetch|call|sync|back\s+up)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex CovertAction();

    [GeneratedRegex(@"\b(run|running|execute|send|sending|upload|post|install|download|delete|remove|modify|curl|wget|script|command|credentials?|keys?|tokens?|passwords?|\.env|wallet|webhook|https?://|copy|copying|forward|request|network|connection)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex SensitiveAction();
}
