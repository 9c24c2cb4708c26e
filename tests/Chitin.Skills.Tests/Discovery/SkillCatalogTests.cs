using Chitin.Skills.Discovery;
using Chitin.Skills.Format;
using Chitin.Skills.Gating;

namespace Chitin.Skills.Tests.Discovery;

public sealed class SkillCatalogTests : IDisposable
{
    private readonly SkillTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void The_nearest_origin_wins_and_every_other_definition_is_listed_as_shadowed()
    {
        SkillTree.Write(_tree.BuiltIn, "deploy", "Built-in deploy. Use when deploying.");
        SkillTree.Write(_tree.UserSkills, "deploy", "User deploy. Use when deploying.");
        SkillTree.Write(_tree.ClaudeSkills, "deploy", "Claude deploy. Use when deploying.");
        SkillTree.Write(_tree.AgentsSkills, "deploy", "Agents deploy. Use when deploying.");
        SkillTree.Write(_tree.ProjectSkills, "deploy", "Project deploy. Use when deploying.");

        var catalog = SkillCatalog.Discover(_tree.Locations);

        var deploy = Assert.Single(catalog.Skills);
        Assert.Equal(SkillOrigin.Project, deploy.Origin);
        Assert.Equal("Project deploy. Use when deploying.", deploy.Description);
        Assert.Equal(Path.Combine(_tree.ProjectSkills, "deploy"), deploy.Directory);
        Assert.Equal([SkillOrigin.ProjectAgents, SkillOrigin.ProjectClaude, SkillOrigin.User, SkillOrigin.BuiltIn], catalog.Shadowed.Select(s => s.Origin));
        Assert.All(catalog.Shadowed, s => Assert.Same(deploy, s.ShadowedBy));
        Assert.Equal(5, catalog.All.Count());
    }

    [Fact]
    public void Each_origin_is_found_and_the_list_is_in_ordinal_name_order()
    {
        SkillTree.Write(_tree.BuiltIn, "zeta");
        SkillTree.Write(_tree.UserSkills, "alpha");
        SkillTree.Write(_tree.ClaudeSkills, "claude-only");
        SkillTree.Write(_tree.AgentsSkills, "agents-only");
        SkillTree.Write(_tree.ProjectSkills, "beta");

        var catalog = SkillCatalog.Discover(_tree.Locations);

        Assert.Equal(["agents-only", "alpha", "beta", "claude-only", "zeta"], catalog.Skills.Select(s => s.Name));
        Assert.Equal(
            [SkillOrigin.ProjectAgents, SkillOrigin.User, SkillOrigin.Project, SkillOrigin.ProjectClaude, SkillOrigin.BuiltIn],
            catalog.Skills.Select(s => s.Origin));
        Assert.Empty(catalog.Shadowed);
        Assert.All(catalog.Skills, s => Assert.Equal(SkillStatus.Available, s.Status));
        Assert.All(catalog.Skills, s => Assert.Equal("not vetted", s.StatusReason));
        Assert.Same(catalog.Skills[1], catalog.Find("alpha"));
        Assert.Null(catalog.Find("Alpha"));
    }

    [Fact]
    public void Missing_locations_and_folders_without_skill_md_are_ignored()
    {
        Directory.CreateDirectory(Path.Combine(_tree.ProjectSkills, "not-a-skill"));
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(_tree.ProjectSkills).FullName, "README.md"), "loose file");

        var catalog = SkillCatalog.Discover(new SkillLocations(_tree.Workspace, Path.Combine(_tree.Root, "nowhere"), null));

        Assert.Empty(catalog.Skills);
        Assert.Empty(SkillCatalog.Discover(new SkillLocations(null, null, null)).Skills);
    }

    [Fact]
    public void An_invalid_skill_is_listed_as_invalid_with_the_line_and_still_shadows_a_farther_one()
    {
        SkillTree.WriteRaw(_tree.ProjectSkills, "broken", "---\nname: broken\ndescription: \n---\n");
        SkillTree.Write(_tree.UserSkills, "broken");

        var catalog = SkillCatalog.Discover(_tree.Locations);

        var broken = Assert.Single(catalog.Skills);
        Assert.Equal(SkillStatus.Invalid, broken.Status);
        Assert.Equal(SkillOrigin.Project, broken.Origin);
        Assert.Contains("SKILL.md line 3", broken.StatusReason, StringComparison.Ordinal);
        Assert.Equal(SkillOrigin.User, Assert.Single(catalog.Shadowed).Origin);
        Assert.Empty(catalog.Available);
    }

    [Fact]
    public void A_folder_whose_name_differs_from_the_declared_name_is_invalid_under_its_folder_name()
    {
        SkillTree.WriteRaw(_tree.ProjectSkills, "folder-name", SkillTree.Markdown("other-name", "d. Use when x."));

        var entry = Assert.Single(SkillCatalog.Discover(_tree.Locations).Skills);

        Assert.Equal("folder-name", entry.Name);
        Assert.Equal(SkillStatus.Invalid, entry.Status);
        Assert.Contains(SkillSpecRules.NameFolderMismatch, entry.Document.Findings.Select(f => f.Rule));
    }

    [Fact]
    public void Disabled_names_are_disabled_with_how_to_enable_them()
    {
        SkillTree.Write(_tree.UserSkills, "noisy");
        SkillTree.Write(_tree.UserSkills, "quiet");

        var catalog = SkillCatalog.Discover(_tree.Locations, new SkillCatalogOptions { DisabledNames = new HashSet<string> { "noisy" } });

        var noisy = catalog.Find("noisy")!;
        Assert.Equal(SkillStatus.Disabled, noisy.Status);
        Assert.Contains("chitin skills enable noisy", noisy.StatusReason, StringComparison.Ordinal);
        Assert.Equal(["quiet"], catalog.Available.Select(s => s.Name));
    }

    [Fact]
    public void Vetting_blocks_a_dropper_even_when_it_is_shadowed()
    {
        SkillTree.Write(_tree.ProjectSkills, "setup-env");
        SkillContent.WriteBlocked(_tree.UserSkills, "setup-env", "MARKER");
        SkillContent.WriteBlocked(_tree.UserSkills, "evil-tool", "MARKER");
        SkillTree.Write(_tree.UserSkills, "fine-tool");

        var catalog = SkillCatalog.Discover(_tree.Locations, new SkillCatalogOptions { Vetter = SkillContent.Vetter() });

        var evil = catalog.Find("evil-tool")!;
        Assert.Equal(SkillStatus.Blocked, evil.Status);
        Assert.StartsWith("blocked by vetting: ", evil.StatusReason, StringComparison.Ordinal);
        Assert.Contains("scripts/setup.sh", evil.StatusReason, StringComparison.Ordinal);
        Assert.DoesNotContain("curl", evil.StatusReason, StringComparison.Ordinal);
        Assert.NotNull(evil.ContentHash);

        Assert.Equal(SkillStatus.Available, catalog.Find("setup-env")!.Status);
        Assert.Null(catalog.Find("setup-env")!.StatusReason);
        Assert.Equal(SkillStatus.Blocked, Assert.Single(catalog.Shadowed).Status);
        Assert.Equal(["fine-tool", "setup-env"], catalog.Available.Select(s => s.Name));
    }

    [Fact]
    public void A_vetter_that_fails_blocks_the_skill_instead_of_crashing_discovery()
    {
        SkillTree.Write(_tree.UserSkills, "any");

        var catalog = SkillCatalog.Discover(_tree.Locations, new SkillCatalogOptions { Vetter = new FailingVetter() });

        var entry = Assert.Single(catalog.Skills);
        Assert.Equal(SkillStatus.Blocked, entry.Status);
        Assert.Contains("could not be vetted", entry.StatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unmet_requirements_hide_a_skill_with_the_reason()
    {
        SkillTree.Write(_tree.UserSkills, "jq-helper", extraFrontMatter: "metadata:\n  requires-bins: jq-not-installed-anywhere\n");
        SkillTree.Write(_tree.UserSkills, "linux-only", extraFrontMatter: "metadata:\n  os: linux\n");
        var environment = new FixedSkillEnvironment(new Dictionary<string, string> { ["PATH"] = _tree.Root }, "linux");

        var catalog = SkillCatalog.Discover(_tree.Locations, new SkillCatalogOptions { Environment = environment });

        var hidden = catalog.Find("jq-helper")!;
        Assert.Equal(SkillStatus.Hidden, hidden.Status);
        Assert.Equal("needs binary 'jq-not-installed-anywhere' on PATH", hidden.StatusReason);
        Assert.Equal(SkillStatus.Available, catalog.Find("linux-only")!.Status);
    }

    [Fact]
    public void A_skill_reached_twice_through_a_link_is_listed_once()
    {
        var folder = SkillTree.Write(_tree.ProjectSkills, "shared");
        Directory.CreateDirectory(_tree.UserSkills);
        Directory.CreateSymbolicLink(Path.Combine(_tree.UserSkills, "shared"), folder);

        var catalog = SkillCatalog.Discover(_tree.Locations);

        Assert.Equal(SkillOrigin.Project, Assert.Single(catalog.Skills).Origin);
        Assert.Empty(catalog.Shadowed);
    }

    [Fact]
    public void A_location_with_too_many_folders_is_read_only_up_to_the_limit()
    {
        for (var i = 0; i < 12; i++)
        {
            SkillTree.Write(_tree.UserSkills, $"skill-{i:00}");
        }

        var catalog = SkillCatalog.Discover(_tree.Locations, new SkillCatalogOptions { MaxSkillsPerLocation = 5 });

        Assert.Equal(["skill-00", "skill-01", "skill-02", "skill-03", "skill-04"], catalog.Skills.Select(s => s.Name));
    }

    [Fact]
    public async Task Discovering_twice_gives_the_same_result()
    {
        foreach (var name in new[] { "m", "b", "x", "a", "k" })
        {
            SkillTree.Write(_tree.UserSkills, name);
        }

        var first = SkillCatalog.Discover(_tree.Locations);
        var second = await SkillCatalog.DiscoverAsync(_tree.Locations, null, CancellationToken.None);

        Assert.Equal(first.Skills.Select(s => (s.Name, s.Directory, s.Status)), second.Skills.Select(s => (s.Name, s.Directory, s.Status)));
        Assert.Equal(["a", "b", "k", "m", "x"], first.Skills.Select(s => s.Name));
    }

    [Fact]
    public void The_skills_shipped_with_chitin_are_valid_and_pass_vetting()
    {
        var builtIn = SkillLocations.DefaultBuiltInDirectory;
        var catalog = SkillCatalog.Discover(new SkillLocations(null, null, builtIn), new SkillCatalogOptions { Vetter = SkillContent.Vetter() });

        Assert.Equal(["code-review", "git-commit-message", "skill-creator"], catalog.Skills.Select(s => s.Name));
        Assert.All(catalog.Skills, s => Assert.Empty(s.Document.Findings));
        Assert.All(catalog.Skills, s => Assert.Equal(Chitin.Skills.Vetting.VetVerdict.Pass, s.Vetting!.Verdict));
        Assert.All(catalog.Skills, s => Assert.Equal(SkillOrigin.BuiltIn, s.Origin));
        Assert.Equal("git", catalog.Find("git-commit-message")!.Document.Manifest!.Metadata["requires-bins"]);
    }

    private sealed class FailingVetter : Chitin.Skills.Vetting.ISkillVetter
    {
        public ValueTask<Chitin.Skills.Vetting.VetReport> VetAsync(string skillDirectory, IReadOnlyCollection<string> knownSkillNames, CancellationToken cancellationToken) =>
            throw new IOException("disk on fire");
    }
}
