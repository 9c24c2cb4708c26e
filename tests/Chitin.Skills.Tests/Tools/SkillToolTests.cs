using System.Collections.Concurrent;
using Chitin.Core.Tools;
using Chitin.Skills.Discovery;
using Chitin.Skills.Tests.Discovery;
using Chitin.Skills.Tools;

namespace Chitin.Skills.Tests.Tools;

public sealed class SkillToolTests : IDisposable
{
    private const string BodyMarker = "CSV-BODY-7731";
    private readonly SkillTree _tree = new();
    private readonly SkillSessionState _state = new();
    private readonly ConcurrentQueue<SkillLoad> _loads = new();
    private readonly string _csv;

    public SkillToolTests()
    {
        _csv = SkillTree.Write(
            _tree.ProjectSkills,
            "csv-report",
            "Summarise CSV files. Use when the user has a CSV.",
            body: $"# CSV report\n\n{BodyMarker}\n\nRun scripts/count.sh on the file.\n",
            extraFrontMatter: "allowed-tools: Bash(wc:*)\n",
            files: new Dictionary<string, string>
            {
                ["references/format.md"] = "Columns are separated by commas.\n",
                ["scripts/count.sh"] = "#!/bin/sh\nwc -l \"$1\"\n",
                ["assets/template.md"] = "| column | total |\n",
            });
    }

    public void Dispose() => _tree.Dispose();

    private SkillCatalog Catalog(SkillCatalogOptions? options = null) => SkillCatalog.Discover(_tree.Locations, options ?? new SkillCatalogOptions { Vetter = SkillContent.Vetter() });

    private SkillTool Tool(SkillCatalog catalog) => new(_ => catalog, _state, _loads.Enqueue);

    private Task<ToolResult> CallAsync(SkillCatalog catalog, string json, string session = "s-1") =>
        ToolCalls.InvokeAsync(Tool(catalog), json, ToolCalls.Context(_tree.Workspace, session));

    [Fact]
    public async Task Loading_returns_the_body_without_front_matter_and_the_skill_files()
    {
        var catalog = Catalog();

        var result = await CallAsync(catalog, """{"name":"csv-report"}""");

        Assert.False(result.IsError, result.Text);
        Assert.Contains(BodyMarker, result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("allowed-tools", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("description:", result.Text, StringComparison.Ordinal);
        Assert.Contains("- assets/template.md (", result.Text, StringComparison.Ordinal);
        Assert.Contains("- references/format.md (33 B)", result.Text, StringComparison.Ordinal);
        Assert.Contains("- scripts/count.sh (", result.Text, StringComparison.Ordinal);
        Assert.Contains("run_shell", result.Text, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_csv, "scripts", "count.sh"), result.Text, StringComparison.Ordinal);
        Assert.True(result.Text.IndexOf("- assets/", StringComparison.Ordinal) < result.Text.IndexOf("- references/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_load_is_recorded_for_its_session_only_and_reported_with_tokens_and_hash()
    {
        var catalog = Catalog();

        await CallAsync(catalog, """{"name":"csv-report"}""", session: "s-a");

        Assert.Equal(["csv-report"], _state.LoadedSkillNames("s-a"));
        Assert.Empty(_state.LoadedSkillNames("s-b"));
        var load = Assert.Single(_loads);
        Assert.Equal("s-a", load.SessionId);
        Assert.Equal("csv-report", load.Name);
        Assert.Equal(catalog.Find("csv-report")!.ContentHash, load.ContentHash);
        Assert.NotNull(load.ContentHash);
        Assert.InRange(load.Tokens, 20, 400);
        Assert.Equal(["Bash(wc:*)"], Assert.Single(_state.LoadedSkills("s-a")).AllowedTools);
    }

    [Fact]
    public async Task A_file_of_the_skill_is_read_relative_to_its_folder_without_counting_as_a_load()
    {
        var result = await CallAsync(Catalog(), """{"name":"csv-report","file":"references/format.md"}""");

        Assert.False(result.IsError, result.Text);
        Assert.Equal("File 'references/format.md' of skill 'csv-report':\n\nColumns are separated by commas.\n", result.Text);
        Assert.Empty(_loads);
        Assert.Empty(_state.LoadedSkillNames("s-1"));
    }

    [Theory]
    [InlineData("../../../../etc/passwd", "leads outside")]
    [InlineData("references/../../other/SKILL.md", "leads outside")]
    [InlineData("/etc/passwd", "not relative")]
    [InlineData("~/.ssh/id_rsa", "not relative")]
    [InlineData("references", "is a folder")]
    [InlineData("references/missing.md", "does not exist")]
    public async Task File_reads_outside_the_skill_or_of_non_files_are_refused(string file, string reason)
    {
        var result = await CallAsync(Catalog(), $$"""{"name":"csv-report","file":"{{file}}"}""");

        Assert.True(result.IsError);
        Assert.Contains(reason, result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_inside_the_skill_that_lead_out_of_it_are_refused()
    {
        var secret = Path.Combine(_tree.Root, "secret.txt");
        File.WriteAllText(secret, "TOP-SECRET");
        File.CreateSymbolicLink(Path.Combine(_csv, "references", "leak.md"), secret);
        Directory.CreateSymbolicLink(Path.Combine(_csv, "outside"), _tree.Root);
        var catalog = Catalog(new SkillCatalogOptions());

        var viaFile = await CallAsync(catalog, """{"name":"csv-report","file":"references/leak.md"}""");
        var viaFolder = await CallAsync(catalog, """{"name":"csv-report","file":"outside/secret.txt"}""");
        var listing = await CallAsync(catalog, """{"name":"csv-report"}""");

        Assert.True(viaFile.IsError);
        Assert.Contains("symbolic link", viaFile.Text, StringComparison.Ordinal);
        Assert.True(viaFolder.IsError);
        Assert.DoesNotContain("TOP-SECRET", viaFile.Text + viaFolder.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("outside/", listing.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_files_are_refused_and_large_files_are_cut_with_a_note()
    {
        File.WriteAllBytes(Path.Combine(_csv, "assets", "logo.png"), [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]);
        File.WriteAllText(Path.Combine(_csv, "references", "huge.md"), new string('x', SkillTool.MaxFileBytes + 100));
        var catalog = Catalog(new SkillCatalogOptions());

        var binary = await CallAsync(catalog, """{"name":"csv-report","file":"assets/logo.png"}""");
        var huge = await CallAsync(catalog, """{"name":"csv-report","file":"references/huge.md"}""");

        Assert.True(binary.IsError);
        Assert.Contains("binary", binary.Text, StringComparison.Ordinal);
        Assert.False(huge.IsError);
        Assert.Contains("truncated", huge.Text, StringComparison.Ordinal);
        Assert.True(huge.Text.Length < SkillTool.MaxFileBytes + 500);
    }

    [Fact]
    public async Task A_blocked_skill_is_refused_by_exact_name_and_none_of_its_content_is_returned()
    {
        SkillContent.WriteBlocked(_tree.ProjectSkills, "evil-setup", "EVIL-MARKER-4410");
        var catalog = Catalog();
        Assert.Equal(SkillStatus.Blocked, catalog.Find("evil-setup")!.Status);

        var results = new[]
        {
            await CallAsync(catalog, """{"name":"evil-setup"}"""),
            await CallAsync(catalog, """{"name":"evil-setup","file":"SKILL.md"}"""),
            await CallAsync(catalog, """{"name":"evil-setup","file":"references/notes.md"}"""),
            await CallAsync(catalog, """{"name":"evil-setup","file":"scripts/setup.sh"}"""),
        };

        Assert.All(results, r => Assert.True(r.IsError));
        Assert.All(results, r => Assert.Contains("blocked by local vetting", r.Text, StringComparison.Ordinal));
        Assert.All(results, r => Assert.DoesNotContain("EVIL-MARKER", r.Text, StringComparison.Ordinal));
        Assert.All(results, r => Assert.DoesNotContain("curl", r.Text, StringComparison.Ordinal));
        Assert.All(results, r => Assert.DoesNotContain("Sets up", r.Text, StringComparison.Ordinal));
        Assert.Empty(_loads);
        Assert.Empty(_state.LoadedSkillNames("s-1"));
    }

    [Fact]
    public async Task Hidden_disabled_and_invalid_skills_are_refused_with_their_reason()
    {
        SkillTree.Write(_tree.ProjectSkills, "needs-token", body: "HIDDEN-BODY", extraFrontMatter: "metadata:\n  requires-env: CHITIN_TEST_NEVER_SET_71\n");
        SkillTree.Write(_tree.ProjectSkills, "turned-off", body: "DISABLED-BODY");
        SkillTree.WriteRaw(_tree.ProjectSkills, "broken", "---\nname: broken\n---\nINVALID-BODY\n");
        var catalog = Catalog(new SkillCatalogOptions { DisabledNames = new HashSet<string> { "turned-off" } });

        var hidden = await CallAsync(catalog, """{"name":"needs-token"}""");
        var disabled = await CallAsync(catalog, """{"name":"turned-off"}""");
        var invalid = await CallAsync(catalog, """{"name":"broken"}""");

        Assert.True(hidden.IsError);
        Assert.Contains("needs environment variable 'CHITIN_TEST_NEVER_SET_71'", hidden.Text, StringComparison.Ordinal);
        Assert.True(disabled.IsError);
        Assert.Contains("chitin skills enable turned-off", disabled.Text, StringComparison.Ordinal);
        Assert.True(invalid.IsError);
        Assert.Contains("spec.description-missing at SKILL.md line 1", invalid.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("BODY", hidden.Text + disabled.Text + invalid.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_skill_needing_approval_loads_only_after_approval_for_that_session_and_content()
    {
        SkillContent.WriteWarned(_tree.ProjectSkills, "cleanup", "WARNED-BODY");
        var catalog = Catalog();
        var cleanup = catalog.Find("cleanup")!;
        Assert.True(cleanup.Status == SkillStatus.NeedsApproval, $"{cleanup.Status}: {cleanup.StatusReason}");

        var before = await CallAsync(catalog, """{"name":"cleanup"}""");
        Assert.True(before.IsError);
        Assert.Contains("chitin skills enable cleanup", before.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("WARNED-BODY", before.Text, StringComparison.Ordinal);

        _state.ApproveWarnings("s-1", "cleanup", "another-hash");
        Assert.True((await CallAsync(catalog, """{"name":"cleanup"}""")).IsError);

        _state.ApproveWarnings("s-1", "cleanup", cleanup.ContentHash);
        var after = await CallAsync(catalog, """{"name":"cleanup"}""");
        Assert.False(after.IsError, after.Text);
        Assert.Contains("WARNED-BODY", after.Text, StringComparison.Ordinal);
        Assert.True((await CallAsync(catalog, """{"name":"cleanup"}""", session: "s-2")).IsError);

        var approvedInLibrary = Catalog(new SkillCatalogOptions { Vetter = SkillContent.Vetter(), ApprovedContentHashes = new HashSet<string> { cleanup.ContentHash! } });
        Assert.Equal(SkillStatus.Available, approvedInLibrary.Find("cleanup")!.Status);
        Assert.Equal("vetting warnings approved", approvedInLibrary.Find("cleanup")!.StatusReason);
    }

    [Fact]
    public async Task Unknown_names_and_bad_arguments_get_actionable_errors()
    {
        var catalog = Catalog();

        var unknown = await CallAsync(catalog, """{"name":"csv"}""");
        Assert.True(unknown.IsError);
        Assert.Equal("No skill named 'csv'. Did you mean 'csv-report'?", unknown.Text);

        var none = await CallAsync(catalog, """{"name":"kubernetes"}""");
        Assert.Contains("skill_search", none.Text, StringComparison.Ordinal);

        Assert.Contains("'name' is required", (await CallAsync(catalog, "{}")).Text, StringComparison.Ordinal);
        Assert.Contains("'name' must be a string, got number 5", (await CallAsync(catalog, """{"name":5}""")).Text, StringComparison.Ordinal);
        Assert.Contains("'file' must be a string, got an array", (await CallAsync(catalog, """{"name":"csv-report","file":[]}""")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tool_is_read_only_and_concurrency_safe_with_a_strict_schema()
    {
        var tools = SkillTools.Create(_ => SkillCatalog.Empty, _state);

        Assert.Equal(["skill", "skill_search"], tools.Select(t => t.Name));
        Assert.All(tools, t => Assert.Equal(ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe, t.Traits));
        Assert.Equal("name", tools[0].ParametersSchema.GetProperty("required")[0].GetString());
        Assert.Equal("query", tools[1].ParametersSchema.GetProperty("required")[0].GetString());
    }
}
