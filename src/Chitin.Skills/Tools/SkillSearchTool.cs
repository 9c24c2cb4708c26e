namespace Chitin.Skills.Tools;

/// <summary>
/// <c>skill_search</c>: finds available skills by words of their name and description, for when the prompt's index
/// could not list them all. Only <see cref="SkillStatus.Available"/> skills are searched.
/// </summary>
public sealed class SkillSearchTool : SkillCatalogTool
{
    public const string ToolName = "skill_search";
    public const int DefaultLimit = 8;
    public const int MaxLimit = 25;

    private static readonly JsonElement Schema = JsonElement.Parse(
        """
        {"type":"object","properties":{"query":{"type":"string","description":"A few words about the task, e.g. 'pdf forms' or 'release notes'"},"limit":{"type":"integer","minimum":1,"maximum":25,"description":"Most results (default 8)"}},"required":["query"],"additionalProperties":false}
        """);

    public SkillSearchTool(Func<ToolContext, SkillCatalog> catalog)
        : base(catalog)
    {
    }

    public override string Name => ToolName;

    public override string Description => "Find skills by topic when the skills index does not list one that fits; returns names and descriptions to load with the skill tool.";

    public override JsonElement ParametersSchema => Schema;

    protected override ToolResult Invoke(ToolArguments arguments, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var query = arguments.Text("query", required: true);
        var limit = arguments.Integer("limit", 1, MaxLimit);
        if (arguments.HasErrors(out var invalid))
        {
            return invalid;
        }

        var available = Catalog(context).Available;
        var matches = Search(available, query!).Take(limit ?? DefaultLimit).ToArray();
        if (matches.Length == 0)
        {
            return ToolResult.Ok(available.Count == 0
                ? "No skills are available."
                : $"No available skill matches '{query}' ({available.Count} skills searched). Try other words, or go on without a skill.");
        }

        var text = new StringBuilder();
        text.Append("Skills matching '").Append(query).Append("' (load one with the skill tool):\n");
        foreach (var skill in matches)
        {
            text.Append("- ").Append(skill.Name).Append(": ").Append(PlainText.Collapse(skill.Description, controlsAsSpace: true)).Append('\n');
        }

        return ToolResult.Ok(text.ToString().TrimEnd('\n'));
    }

    /// <summary>Skills with at least one query word in name or description, best first (name hits weigh more), then by name.</summary>
    internal static IEnumerable<SkillEntry> Search(IEnumerable<SkillEntry> skills, string query)
    {
        var words = Words(query).Distinct(StringComparer.Ordinal).ToArray();
        if (words.Length == 0)
        {
            return [];
        }

        return skills
            .Select(skill => (Skill: skill, Score: Score(skill, words, query)))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Skill.Name, StringComparer.Ordinal)
            .Select(x => x.Skill);
    }

    private static int Score(SkillEntry skill, string[] words, string query)
    {
        var nameWords = Words(skill.Name).ToHashSet(StringComparer.Ordinal);
        var descriptionWords = Words(skill.Description).ToArray();
        var score = skill.Name.Equals(query.Trim(), StringComparison.OrdinalIgnoreCase) ? 10 : 0;
        foreach (var word in words)
        {
            if (nameWords.Contains(word))
            {
                score += 4;
            }
            else if (nameWords.Any(n => n.StartsWith(word, StringComparison.Ordinal)))
            {
                score += 2;
            }

            if (descriptionWords.Contains(word, StringComparer.Ordinal))
            {
                score += 2;
            }
            else if (word.Length >= 4 && descriptionWords.Any(d => d.StartsWith(word, StringComparison.Ordinal)))
            {
                score += 1;
            }
        }

        return score;
    }

    private static IEnumerable<string> Words(string text) =>
        PlainText.Words(text).Where(word => word.Length >= 2).Select(word => word.ToLowerInvariant());
}
