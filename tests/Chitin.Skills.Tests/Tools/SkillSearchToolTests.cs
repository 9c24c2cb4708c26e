using Chitin.Skills.Discovery;
using Chitin.Skills.Tests.Discovery;
using Chitin.Skills.Tools;

namespace Chitin.Skills.Tests.Tools;

public sealed class SkillSearchToolTests : IDisposable
{
    private readonly SkillTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private async Task<string> SearchAsync(SkillCatalog catalog, string json)
    {
        var result = await ToolCalls.InvokeAsync(new SkillSearchTool(_ => catalog), json, ToolCalls.Context(_tree.Workspace));
        Assert.False(result.IsError, result.Text);
        return result.Text;
    }

    [Fact]
    public async Task Skills_are_found_by_words_of_their_name_and_description_best_first()
    {
        SkillTree.Write(_tree.UserSkills, "pdf-forms", "Fill and flatten PDF forms. Use when the user has a form to complete.");
        SkillTree.Write(_tree.UserSkills, "doc-convert", "Convert documents between formats including PDF and DOCX. Use when converting files.");
        SkillTree.Write(_tree.UserSkills, "csv-report", "Summarise CSV files. Use when the user has a CSV.");
        var catalog = SkillCatalog.Discover(_tree.Locations);

        var text = await SearchAsync(catalog, """{"query":"PDF forms"}""");

        Assert.Equal(
            "Skills matching 'PDF forms' (load one with the skill tool):\n" +
            "- pdf-forms: Fill and flatten PDF forms. Use when the user has a form to complete.\n" +
            "- doc-convert: Convert documents between formats including PDF and DOCX. Use when converting files.",
            text);
    }

    [Fact]
    public async Task Only_available_skills_are_searched()
    {
        SkillTree.Write(_tree.UserSkills, "release-notes", "Write release notes. Use when releasing.");
        SkillTree.Write(_tree.UserSkills, "release-tag", "Tag a release. Use when releasing.");
        SkillContent.WriteBlocked(_tree.UserSkills, "release-evil", "EVIL");
        var catalog = SkillCatalog.Discover(_tree.Locations, new SkillCatalogOptions { Vetter = SkillContent.Vetter(), DisabledNames = new HashSet<string> { "release-tag" } });

        var text = await SearchAsync(catalog, """{"query":"release"}""");

        Assert.Contains("release-notes", text, StringComparison.Ordinal);
        Assert.DoesNotContain("release-tag", text, StringComparison.Ordinal);
        Assert.DoesNotContain("release-evil", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_limit_caps_results_and_no_match_says_so()
    {
        for (var i = 0; i < 12; i++)
        {
            SkillTree.Write(_tree.UserSkills, $"deploy-{i:00}", $"Deploy service {i}. Use when deploying.");
        }

        var catalog = SkillCatalog.Discover(_tree.Locations);

        Assert.Equal(3, (await SearchAsync(catalog, """{"query":"deploy","limit":3}""")).Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal)));
        Assert.Equal(8, (await SearchAsync(catalog, """{"query":"deploy"}""")).Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal)));
        Assert.Equal("No available skill matches 'quantum' (12 skills searched). Try other words, or go on without a skill.", await SearchAsync(catalog, """{"query":"quantum"}"""));
        Assert.Equal("No skills are available.", await SearchAsync(SkillCatalog.Empty, """{"query":"deploy"}"""));

        var bad = await ToolCalls.InvokeAsync(new SkillSearchTool(_ => catalog), """{"query":"deploy","limit":0}""", ToolCalls.Context(_tree.Workspace));
        Assert.True(bad.IsError);
        Assert.Contains("'limit' must be between 1 and 25", bad.Text, StringComparison.Ordinal);
    }
}
