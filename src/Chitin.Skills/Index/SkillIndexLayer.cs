namespace Chitin.Skills.Index;

/// <summary>
/// The "skills" prompt layer: one line per available skill (name and description) and how to load one. Only
/// <see cref="SkillStatus.Available"/> skills appear. The text depends only on the catalog, so it is byte-identical
/// for the same skills. Over budget, skills are chosen nearest origin first, then by name, as many as fit in
/// <see cref="SkillIndexOptions.MaxTokens"/>; the index then says that <c>skill_search</c> finds the rest.
/// </summary>
public sealed class SkillIndexLayer : IPromptLayerSource
{
    private const string Heading = "# Skills";

    private const string Instructions =
        "Skills hold instructions for specific kinds of work. When a task matches a skill below, call the `skill` tool with its name to load it before you start.";

    private readonly Func<PromptLayerContext, SkillCatalog> _catalog;
    private readonly ITokenCounter _counter;
    private readonly SkillIndexOptions _options;

    public SkillIndexLayer(Func<PromptLayerContext, SkillCatalog> catalog, ITokenCounter counter, SkillIndexOptions? options = null)
    {
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _counter = counter ?? throw new ArgumentNullException(nameof(counter));
        _options = options ?? new SkillIndexOptions();
        if (_options.MaxTokens <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.MaxTokens, "MaxTokens must be positive.");
        }
    }

    public string Name => "skills";

    public int Order => 20;

    public ValueTask<string?> GetTextAsync(PromptLayerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Build(_catalog(context)));
    }

    /// <summary>The index text for a catalog, or null when no skill is available (or not even the heading fits the budget).</summary>
    public string? Build(SkillCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var ranked = catalog.Available
            .OrderBy(s => s.Origin)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToArray();
        if (ranked.Length == 0)
        {
            return null;
        }

        var full = Render(ranked, ranked.Length);
        if (_counter.FitsWithin(full, _options.MaxTokens))
        {
            return full;
        }

        // The token count grows with the number of listed skills, so the largest prefix that fits is found by halving.
        int low = 0, high = ranked.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (_counter.FitsWithin(Render(ranked, middle), _options.MaxTokens))
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        // Even the heading may not fit a tiny budget: then there is no index rather than one over budget.
        var text = Render(ranked, low);
        return _counter.FitsWithin(text, _options.MaxTokens) ? text : null;
    }

    private static string Render(SkillEntry[] ranked, int count)
    {
        var builder = new StringBuilder();
        builder.Append(Heading).Append('\n').Append(Instructions).Append('\n');
        foreach (var skill in ranked.Take(count).OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            builder.Append("- ").Append(skill.Name).Append(": ").Append(PlainText.Collapse(skill.Description, controlsAsSpace: true)).Append('\n');
        }

        var rest = ranked.Length - count;
        if (rest > 0)
        {
            builder.Append(count == 0 ? $"{rest} skills are available" : $"{rest} more skills are not listed here")
                .Append("; call `skill_search` with a few words about the task to find them.\n");
        }

        return builder.ToString().TrimEnd('\n');
    }
}
