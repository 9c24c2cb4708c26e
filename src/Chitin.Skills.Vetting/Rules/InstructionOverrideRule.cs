namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// Prompt injection that tries to replace the agent's instructions: "ignore all previous instructions", "you are now
/// DAN", "your real task is…", "these instructions take precedence over the system prompt".
/// </summary>
internal sealed partial class InstructionOverrideRule() : LineRule(
    "inject.override-instructions", FindingSeverity.Block, "Prompt injection that overrides the agent's instructions (ignore previous instructions, you are now …, new system prompt).")
{
    protected override SearchValues<string> Triggers { get; } = Words("ignore", "disregard", "forget", "override", "bypass", "you are now", "system prompt", "system instruction", "system override", "developer mode", "precedence", "priority over", "real task", "true task", "actual task", "real goal", "real purpose", "real instructions", "new instructions", "jailbr");

    protected override void CheckUnit(VetFile file, TextUnit unit, FindingSink sink)
    {
        const string Message = "Prompt injection: tries to override the agent's own instructions. A skill adds know-how; it never replaces the system prompt or the user's intent. Remove it.";
        foreach (var pattern in (Regex[])[IgnorePrevious(), RoleHijack(), PriorityClaim()])
        {
            var match = pattern.Match(unit.Text);
            if (!match.Success)
            {
                continue;
            }

            // A phrase in quotes is usually cited ("avoid language like 'ignore previous instructions'"), not addressed to the model.
            var start = StartOfPhrase(unit.Text, match);
            var quoted = IsQuoted(unit.Text, start);
            sink.Add(file, unit.LineOfText(start), Id, quoted ? FindingSeverity.Warning : FindingSeverity.Block,
                quoted ? "Quotes a prompt-injection phrase. Make sure it is cited as an example and not addressed to the agent." : Message,
                FocusOf(unit.Text[start..(match.Index + match.Length)]));
            return;
        }

        ReportText(file, unit, sink, Jailbreak(), FindingSeverity.Warning, "Mentions jailbreaking the model; check that nothing here asks the agent to drop its rules.");
    }

    /// <summary>Where the injected phrase itself starts, past the sentence boundary or lead-in word the pattern requires before it.</summary>
    private static int StartOfPhrase(string text, Match match)
    {
        var index = match.Index;
        var end = match.Index + match.Length;
        foreach (var verb in (string[])["ignore", "disregard", "forget", "override", "bypass", "you ", "your ", "new ", "real ", "actual ", "true ", "hidden ", "secret ", "system ", "developer ", "this ", "these ", "the following"])
        {
            var at = text.IndexOf(verb, index, end - index, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                return at;
            }
        }

        return index;
    }

    private static bool IsQuoted(string text, int index)
    {
        var i = index - 1;
        while (i >= 0 && text[i] == ' ')
        {
            i--;
        }

        return i >= 0 && text[i] is '"' or '\'' or '`' or '\u201C' or '\u2018' or '\u00AB';
    }

    [GeneratedRegex(@"(^|[\n.!?:;""'(\[*>•]\s*|[-–—]\s+|,\s*|\b(please|now|also|and|then|just|simply|first|must|should|always|to)\s+)(ignore|disregard|forget|override|bypass)\s+((all|any|the|of|every)\s+){0,2}(your\s+|my\s+|the\s+)?(previous|prior|earlier|above|preceding|original|existing|initial|system|safety|developer|other|old)\s+(instructions?|prompts?|rules|guidelines|directions|directives|messages|context|constraints|policies|guardrails|programming)\b|(^|[\n.!?:;""'(\[*>•]\s*|[-–—]\s+|,\s*|\b(please|now|also|and|then|just|simply|first|must|should|always|to)\s+)(ignore|disregard|forget)\s+(all|any|every|your)\s+(instructions?|prompts?|rules|guidelines|directives|guardrails|programming)\b|\bforget\s+(everything|all)\s+(you|above|before|that)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex IgnorePrevious();

    [GeneratedRegex(@"\byou\s+are\s+now\s+(in\s+)?(dan|jailbroken|unrestricted|unfiltered|uncensored|unbound|free\s+from|no\s+longer|(in\s+)?(developer|god|admin|root|debug)\s+mode|(a|an)\s+(unrestricted|unfiltered|uncensored|different|new|evil|malicious|rogue)\b)|\b(real|actual|true|hidden|secret)\s+system\s+(prompt|instructions?|message)\b|\bnew\s+system\s+(prompt|instructions?)\s*:|\bsystem\s+override\b|\bdeveloper\s+mode\s+(enabled|activated|on)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex RoleHijack();

    [GeneratedRegex(@"\b(this|these|the\s+following)\s+(instructions?|rules?|skill)\s+(take|takes|have|has)\s+(precedence|priority)\s+over\b|\b(override|overrides|supersede|supersedes)\s+(all\s+)?(other|previous|prior|system|user|any)\s+(instructions|rules|prompts|guidelines)\b|\byour\s+(real|true|actual|new|primary|only|secret)\s+(task|goal|objective|instructions?|purpose|mission)\s+(is|are)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex PriorityClaim();

    [GeneratedRegex(@"\bjailbr(eak|oken)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex Jailbreak();
}
