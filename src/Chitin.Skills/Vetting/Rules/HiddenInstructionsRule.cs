using Chitin.Skills.Format;
using Chitin.Skills.Vetting.Scanning;
using System.Text.RegularExpressions;

namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// Instructions addressed to the agent inside text a human does not see rendered: HTML comments, hidden elements,
/// link-reference comments. Notes for maintainers (TODO, lint directives) are fine; telling the model what to do where
/// the user cannot see it is not.
/// </summary>
internal sealed partial class HiddenInstructionsRule : IVetRule
{
    public string Id => "inject.hidden-instructions";

    public FindingSeverity Severity => FindingSeverity.Block;

    public string Description => "Instructions to the agent hidden in HTML comments, hidden elements or link-reference comments.";

    public void Check(SkillScan scan, FindingSink sink)
    {
        foreach (var file in scan.TextFiles)
        {
            foreach (var unit in file.Units)
            {
                if (unit.Zone != LineZone.Hidden)
                {
                    continue;
                }

                var addressed = Addressed().Match(unit.Text);
                if (addressed.Success && Imperative().IsMatch(unit.Text))
                {
                    sink.Add(file, unit.LineOfText(addressed.Index), Id, FindingSeverity.Block,
                        "Gives the agent instructions inside an HTML comment or hidden element, where the user reviewing the skill does not see them. Put real instructions in visible text; remove hidden ones.",
                        addressed.Value);
                }
            }
        }
    }

    [GeneratedRegex(@"\b(assistant|agent|AI|model|LLM|claude|gpt|codex|gemini|openclaw|clawdbot|chitin)\b|\byou\s+(must|should|will|need\s+to|are|have\s+to|shall)\b|\bwhen\s+you\b|\byour\s+(instructions|task|next|first)\b|\b(system|important)\s*:", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex Addressed();

    [GeneratedRegex(@"\b(run|execute|send|upload|read|include|fetch|download|post|ignore|install|copy|delete|write|append|always|never|must|curl|wget|exfiltrat\w*|forward|call|open|visit|paste|remember)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex Imperative();
}
