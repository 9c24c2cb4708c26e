namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// Instructions addressed to the agent inside text a human does not see rendered: HTML comments, hidden elements,
/// link-reference comments. Notes for maintainers (TODO, lint directives) are fine; telling the model what to do where
/// the user cannot see it is not.
/// </summary>
internal sealed partial class HiddenInstructionsRule() : VetRule(
    "inject.hidden-instructions", FindingSeverity.Block, "Instructions to the agent hidden in HTML comments, hidden elements or link-reference comments.")
{
    public override void Check(SkillScan scan, FindingSink sink)
    {
        foreach (var file in scan.TextFiles)
        {
            foreach (var unit in file.Units)
            {
                if (unit.Zone != LineZone.Hidden)
                {
                    continue;
                }

                var match = Directive().Match(unit.Text);
                if (!match.Success && Imperative().IsMatch(unit.Text))
                {
                    match = Address().Match(unit.Text);
                }

                if (!match.Success && SensitiveObject().IsMatch(unit.Text))
                {
                    match = ImperativeSentence().Match(unit.Text);
                }

                if (match.Success)
                {
                    sink.Add(file, unit.LineOfText(match.Index), Id, FindingSeverity.Block,
                        "Gives the agent instructions inside an HTML comment or hidden element, where the user reviewing the skill does not see them. Put real instructions in visible text; remove hidden ones.",
                        match.Value.Trim());
                }
            }
        }
    }

    /// <summary>"you must", "the agent should", "assistant is required to".</summary>
    [GeneratedRegex(@"\b(you|assistant|agent|AI|model|LLM|claude|gpt|codex|gemini|openclaw|clawdbot|chitin)\s+(must|should|shall|will\s+now|needs?\s+to|ha(ve|s)\s+to|(is|are)\s+(required|instructed|expected)\s+to)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex Directive();

    /// <summary>A comment that opens by addressing the model: "Assistant:", "Note for the agent:", "SYSTEM:".</summary>
    [GeneratedRegex(@"(^|<!--|\n)\s*(<!--\s*)?(note\s+(for|to)\s+(the\s+)?(agent|assistant|ai|model|llm)|assistant|agent|ai|model|llm|claude|system|important|instructions?)\s*[:,]", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex Address();

    [GeneratedRegex(@"\b(run|execute|send|upload|read|include|fetch|download|post|ignore|install|copy|delete|write|append|always|never|curl|wget|exfiltrat\w*|forward|paste|remember)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex Imperative();

    /// <summary>A sentence that starts with a command verb.</summary>
    [GeneratedRegex(@"(^|<!--|[.!:;\n])\s*(<!--\s*)?(run|execute|send|upload|read|include|fetch|download|post|ignore|install|copy|delete|forward|paste|always|never|do\s+not|don'?t)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex ImperativeSentence();

    [GeneratedRegex(@"\b(curl|wget|bash|sh\s+-c|powershell|user|credentials?|passwords?|tokens?|secrets?|keys?|ssh|wallet|instructions?)\b|~/|https?://|\.env\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex SensitiveObject();
}
