namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// Quality lint for the description the model chooses skills by: missing, too short, or made only of generic words
/// ("A helpful tool for various tasks") warn, because a vague description makes the model load the skill at the wrong time.
/// </summary>
internal sealed partial class DescriptionQualityRule() : VetRule(
    "quality.description", FindingSeverity.Warning, "The description is missing, too short or generic.")
{
    private const int MinimumLength = 40;
    private const int MinimumWords = 6;

    private static readonly HashSet<string> GenericWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "and", "or", "for", "to", "of", "with", "in", "on", "your", "you", "this", "that", "it", "is", "are", "be",
        "skill", "skills", "tool", "tools", "helper", "helpful", "useful", "help", "helps", "various", "many", "any", "all", "some",
        "task", "tasks", "things", "stuff", "thing", "utility", "utilities", "general", "generic", "misc", "miscellaneous", "do", "does",
        "doing", "work", "works", "handle", "handles", "assistant", "assist", "awesome", "great", "powerful", "simple", "easy", "best",
        "better", "stuff", "everything", "anything", "use", "used", "using", "when", "needed", "need", "needs", "etc", "more", "other",
    };

    public override void Check(SkillScan scan, FindingSink sink)
    {
        if (scan.SkillMarkdown is null || scan.FrontMatter.Unreadable)
        {
            return;
        }

        var description = scan.FrontMatter.Description?.Trim();
        var line = scan.FrontMatter.DescriptionLine;
        if (string.IsNullOrEmpty(description))
        {
            sink.Add("SKILL.md", line, "quality.description-missing", FindingSeverity.Warning,
                "Has no description. The model picks skills by their description alone: say what the skill does and when to use it.");
            return;
        }

        var words = Word().Matches(description).Select(m => m.Value).ToList();
        var specific = words.Count(w => !GenericWords.Contains(w));
        if (description.Length < MinimumLength || words.Count < MinimumWords || specific < 2)
        {
            sink.Add("SKILL.md", line, "quality.description-vague", FindingSeverity.Warning,
                "The description is too short or too generic for the model to know when this skill applies. Name the task, the inputs or tools involved, and when to use it.",
                description.Length > 120 ? description[..117] + "..." : description);
        }
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'-]*", RegexOptions.CultureInvariant, Patterns.TimeoutMs)]
    private static partial Regex Word();
}
