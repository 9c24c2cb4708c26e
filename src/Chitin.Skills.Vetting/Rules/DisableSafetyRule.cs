namespace Chitin.Skills.Vetting.Rules;

/// <summary>Instructions to turn off the agent's own approvals or sandbox (<c>--dangerously-skip-permissions</c>, <c>approval_policy = "never"</c>, "disable the sandbox").</summary>
internal sealed partial class DisableSafetyRule() : LineRule(
    "inject.disable-safety", FindingSeverity.Warning, "Instructions to switch off the agent's approvals, permissions or sandbox.")
{
    protected override SearchValues<string> Triggers { get; } = Words("dangerously", "yolo", "approval", "sandbox", "guardrail", "safety", "permission", "security");

    protected override void CheckUnit(VetFile file, TextUnit unit, FindingSink sink) =>
        ReportText(file, unit, sink, DisableSafety(), FindingSeverity.Warning,
            "Switches off the agent's approvals, permission prompts or sandbox, so later commands run unchecked. Keep them on unless the user explicitly decides otherwise.");

    [GeneratedRegex(@"--dangerously-skip-permissions\b|--dangerously-bypass-approvals-and-sandbox\b|--yolo\b|\bapproval[_-]?policy\s*[=:]\s*[""']?never\b|\bsandbox[_-]?mode\s*[=:]\s*[""']?(danger\w*|off|none|disabled)\b|[""']?(tools\.)?exec\.security[""']?\s*[:=]\s*[""']?full\b|\b(disable|turn\s+off|switch\s+off|bypass|skip)\s+(the\s+|all\s+|any\s+|your\s+)?(sandbox(ing)?|approvals?|approval\s+prompts?|guardrails|safety\s+(checks?|filters?|rules)|permission\s+(prompts?|checks?)|security\s+(checks?|warnings?|prompts?))\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex DisableSafety();
}
