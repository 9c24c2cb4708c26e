namespace Chitin.Skills.Vetting.Tests;

public sealed class QualityAndNameTests
{
    [Fact]
    public async Task A_clear_description_with_when_to_use_passes()
    {
        using var skill = new TempSkill();

        var report = await Vet.FolderAsync(skill.Directory);

        Vet.Clean(report);
    }

    [Fact]
    public async Task A_missing_description_warns_on_the_front_matter()
    {
        using var skill = new TempSkill(skillMarkdown: "---\nname: test-skill\n---\n# Notes\n");

        var report = await Vet.FolderAsync(skill.Directory);

        Vet.Has(report, "quality.description-missing", FindingSeverity.Warning);
    }

    [Theory]
    [InlineData("A helpful skill.")]
    [InlineData("Useful tool that helps with various tasks and things when needed.")]
    public async Task A_vague_description_warns(string description)
    {
        using var skill = new TempSkill(skillMarkdown: TempSkill.Markdown("test-skill", description, "# Notes\n"));

        var report = await Vet.FolderAsync(skill.Directory);

        var finding = Vet.Single(report, "quality.description-vague");
        Assert.Equal(3, finding.Line);
    }

    [Fact]
    public async Task No_when_to_use_guidance_warns_unless_the_body_has_a_when_to_use_section()
    {
        const string Description = "Converts Markdown tables into CSV files with typed columns and header detection.";
        using var missing = new TempSkill(skillMarkdown: TempSkill.Markdown("test-skill", Description, "# Tables\n\nSplit on pipes.\n"));
        using var section = new TempSkill(skillMarkdown: TempSkill.Markdown("test-skill", Description, "# Tables\n\n## When to use\n\nA user pastes a table.\n"));

        Vet.Has(await Vet.FolderAsync(missing.Directory), "quality.no-when-to-use", FindingSeverity.Warning);
        Vet.HasNo(await Vet.FolderAsync(section.Directory), "quality.no-when-to-use");
    }

    [Fact]
    public async Task An_oversized_body_warns()
    {
        using var skill = new TempSkill(skillMarkdown: TempSkill.WithBody(string.Concat(Enumerable.Repeat("- step\n", 600))));

        var report = await Vet.FolderAsync(skill.Directory);

        Vet.Has(report, "quality.oversized-body", FindingSeverity.Warning);
    }

    [Fact]
    public async Task A_folder_without_skill_md_warns()
    {
        using var skill = new TempSkill();
        File.Delete(Path.Combine(skill.Directory, "SKILL.md"));
        skill.Write("README.md", "Notes.\n");

        var report = await Vet.FolderAsync(skill.Directory);

        Vet.Has(report, "files.no-skill-md", FindingSeverity.Warning);
    }

    [Theory]
    [InlineData("clawhub1", FindingSeverity.Warning)]
    [InlineData("cllawhub", FindingSeverity.Warning)]
    [InlineData("polymarket-traiding-bot", FindingSeverity.Warning)]
    [InlineData("gog-5w7zvby", FindingSeverity.Warning)]
    [InlineData("c1awhub", FindingSeverity.Block)]
    [InlineData("\u0441lawhub", FindingSeverity.Block)]
    public async Task Names_imitating_well_known_skills_are_flagged(string name, FindingSeverity severity)
    {
        using var skill = new TempSkill(name, TempSkill.Markdown(name, "Search and install skills from the registry. Use when the user wants a new skill.", "# Registry\n"));

        var report = await Vet.FolderAsync(skill.Directory);

        var finding = Vet.Single(report, "name.lookalike");
        Assert.Equal(severity, finding.Severity);
        Assert.Equal("SKILL.md", finding.File);
        Assert.Equal(2, finding.Line);
    }

    [Theory]
    [InlineData("clawhub")]
    [InlineData("release-notes-writer")]
    [InlineData("pdf")]
    public async Task A_well_known_name_itself_or_an_unrelated_name_is_fine(string name)
    {
        using var skill = new TempSkill(name, TempSkill.Markdown(name, "Write release notes from merged pull requests. Use when the user asks for release notes.", "# Notes\n"));

        Vet.HasNo(await Vet.FolderAsync(skill.Directory), "name.lookalike");
    }

    [Fact]
    public async Task Installed_skill_names_passed_to_the_vetter_are_protected_too()
    {
        using var skill = new TempSkill("team-deploy", TempSkill.Markdown("team-deploy", "Deploy the team services to staging. Use when the user asks to deploy.", "# Deploy\n"));

        var withoutInstalled = await Vet.FolderAsync(skill.Directory);
        var withInstalled = await Vet.FolderAsync(skill.Directory, ["team-deploys"]);

        Vet.HasNo(withoutInstalled, "name.lookalike");
        Vet.Has(withInstalled, "name.lookalike", FindingSeverity.Warning);
    }

    [Theory]
    [InlineData("clawhub", "clawhub", 0)]
    [InlineData("clawhub", "clawhub1", 1)]
    [InlineData("clawhub", "clawhbu", 1)]
    [InlineData("clawhub", "cllawhub", 1)]
    [InlineData("clawhub", "clwahbu", 2)]
    [InlineData("pdf", "docx", 4)]
    public void Damerau_levenshtein_counts_transpositions_as_one_edit(string a, string b, int expected)
    {
        Assert.Equal(expected, Chitin.Skills.Vetting.Rules.DamerauLevenshtein.Distance(a, b));
    }
}
