using Chitin.Core.Context;
using Chitin.Skills.Discovery;
using Chitin.Skills.Index;
using Chitin.Skills.Tests.Discovery;

namespace Chitin.Skills.Tests.Index;

public sealed class SkillIndexLayerTests : IDisposable
{
    private readonly SkillTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static SkillIndexLayer Layer(SkillCatalog catalog, int maxTokens = 1_500) =>
        new(_ => catalog, TiktokenCounter.Instance, new SkillIndexOptions { MaxTokens = maxTokens });

    private static string Description(int i) =>
        $"Handles recurring task number {i}, prepares inputs, runs the checks and writes a short report. Use when the user asks for task {i}.";

    [Fact]
    public async Task The_index_lists_only_available_skills_with_name_and_description()
    {
        SkillTree.Write(_tree.UserSkills, "csv-report", "Summarise CSV files. Use when the user has a CSV.");
        SkillTree.Write(_tree.UserSkills, "off-skill", "OFF-DESCRIPTION");
        SkillTree.Write(_tree.UserSkills, "hidden-skill", "HIDDEN-DESCRIPTION", extraFrontMatter: "metadata:\n  requires-env: CHITIN_TEST_NEVER_SET_9f2\n");
        SkillTree.WriteRaw(_tree.UserSkills, "bad-skill", "---\nname: Bad\ndescription: INVALID-DESCRIPTION\n---\n");
        SkillContent.WriteBlocked(_tree.UserSkills, "evil-skill", "EVIL-BODY");
        var catalog = SkillCatalog.Discover(_tree.Locations, new SkillCatalogOptions { Vetter = SkillContent.Vetter(), DisabledNames = new HashSet<string> { "off-skill" } });

        var text = await Layer(catalog).GetTextAsync(new PromptLayerContext("default", _tree.Workspace), CancellationToken.None);

        Assert.Equal(
            "# Skills\nSkills hold instructions for specific kinds of work. When a task matches a skill below, call the `skill` tool with its name to load it before you start.\n" +
            "- csv-report: Summarise CSV files. Use when the user has a CSV.",
            text);
        foreach (var absent in new[] { "off-skill", "OFF-DESCRIPTION", "hidden-skill", "HIDDEN", "bad-skill", "INVALID", "evil-skill", "EVIL", "Sets up" })
        {
            Assert.DoesNotContain(absent, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_text_is_byte_identical_across_calls_and_rediscoveries()
    {
        foreach (var name in new[] { "zulu", "alpha", "mike", "bravo" })
        {
            SkillTree.Write(_tree.UserSkills, name, description: $"Does {name}.\n  Spans   lines. Use when {name}.");
        }

        var first = Layer(SkillCatalog.Discover(_tree.Locations)).Build(SkillCatalog.Discover(_tree.Locations));
        var again = Layer(SkillCatalog.Discover(_tree.Locations)).Build(SkillCatalog.Discover(_tree.Locations));

        Assert.Equal(first, again);
        var lines = first!.Split('\n').Skip(2).ToArray();
        Assert.Equal(["- alpha: Does alpha. Spans lines. Use when alpha.", "- bravo: Does bravo. Spans lines. Use when bravo.", "- mike: Does mike. Spans lines. Use when mike.", "- zulu: Does zulu. Spans lines. Use when zulu."], lines);
    }

    [Fact]
    public void Ten_skills_all_fit_within_the_default_budget()
    {
        for (var i = 0; i < 10; i++)
        {
            SkillTree.Write(_tree.UserSkills, $"task-{i:00}", Description(i));
        }

        var text = Layer(SkillCatalog.Discover(_tree.Locations)).Build(SkillCatalog.Discover(_tree.Locations))!;

        Assert.True(TiktokenCounter.Instance.CountTokens(text) <= 1_500);
        Assert.Equal(10, text.Split('\n').Count(l => l.StartsWith("- task-", StringComparison.Ordinal)));
        Assert.DoesNotContain("skill_search", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hundred_skills_stay_within_the_budget_and_point_to_skill_search_for_the_rest()
    {
        for (var i = 0; i < 95; i++)
        {
            SkillTree.Write(_tree.UserSkills, $"task-{i:00}", Description(i));
        }

        for (var i = 0; i < 5; i++)
        {
            SkillTree.Write(_tree.ProjectSkills, $"zz-project-{i}", Description(100 + i));
        }

        var catalog = SkillCatalog.Discover(_tree.Locations);
        var text = Layer(catalog).Build(catalog)!;

        var tokens = TiktokenCounter.Instance.CountTokens(text);
        Assert.InRange(tokens, 1_000, 1_500);
        var listed = text.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l[2..l.IndexOf(':', StringComparison.Ordinal)]).ToArray();
        Assert.InRange(listed.Length, 10, 99);
        Assert.Equal(listed.Order(StringComparer.Ordinal), listed);
        Assert.All(Enumerable.Range(0, 5), i => Assert.Contains($"zz-project-{i}", listed));
        Assert.Equal(catalog.Available.Where(s => s.Origin == SkillOrigin.User).Select(s => s.Name).Take(listed.Length - 5), listed.Where(n => n.StartsWith("task-", StringComparison.Ordinal)));
        Assert.EndsWith($"{100 - listed.Length} more skills are not listed here; call `skill_search` with a few words about the task to find them.", text, StringComparison.Ordinal);
        Assert.Equal(text, Layer(catalog).Build(SkillCatalog.Discover(_tree.Locations)));
    }

    [Fact]
    public void A_budget_too_small_for_any_skill_points_to_skill_search_and_one_too_small_for_the_heading_gives_nothing()
    {
        SkillTree.Write(_tree.UserSkills, "one", Description(1));
        SkillTree.Write(_tree.UserSkills, "two", Description(2));
        var catalog = SkillCatalog.Discover(_tree.Locations);

        var small = Layer(catalog, maxTokens: 60).Build(catalog);
        Assert.NotNull(small);
        Assert.Contains("2 skills are available; call `skill_search`", small, StringComparison.Ordinal);
        Assert.DoesNotContain("- one", small, StringComparison.Ordinal);

        Assert.Null(Layer(catalog, maxTokens: 5).Build(catalog));
    }

    [Fact]
    public async Task No_available_skill_means_no_layer_and_the_layer_joins_the_assembled_prompt_at_order_20()
    {
        var empty = Layer(SkillCatalog.Empty);
        Assert.Null(await empty.GetTextAsync(new PromptLayerContext("default", _tree.Workspace), CancellationToken.None));
        Assert.Equal("skills", empty.Name);
        Assert.Equal(20, empty.Order);

        SkillTree.Write(_tree.ProjectSkills, "lint-fix", "Fix lint errors. Use when lint fails.");
        var layer = new SkillIndexLayer(context => SkillCatalog.Discover(new SkillLocations(context.Workspace, null, null)), TiktokenCounter.Instance);
        var prompt = await new PromptAssembler("You are Chitin.", [layer]).BuildAsync(new PromptLayerContext("default", _tree.Workspace), CancellationToken.None);

        Assert.StartsWith("You are Chitin.\n\n# Skills\n", prompt, StringComparison.Ordinal);
        Assert.EndsWith("- lint-fix: Fix lint errors. Use when lint fails.", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_positive_budget_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SkillIndexLayer(_ => SkillCatalog.Empty, TiktokenCounter.Instance, new SkillIndexOptions { MaxTokens = 0 }));
    }
}
