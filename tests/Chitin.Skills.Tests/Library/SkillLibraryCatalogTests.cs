using Chitin.Skills.Discovery;
using Chitin.Skills.Library;
using Chitin.Skills.Vetting;

namespace Chitin.Skills.Tests.Library;

/// <summary>The library's state as discovery consumes it: disabled names and approved content hashes.</summary>
public sealed class SkillLibraryCatalogTests : IDisposable
{
    private const string PasteLine = "\n4. A second sample lives at https://pastebin.com/raw/Zz9Kq1Lm for comparison.\n";

    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Discovery_honours_disabled_names_and_approved_warnings_and_a_change_needs_approval_again()
    {
        var library = new SkillLibrary(TestVetter.Create(), _home.Options);
        await library.AddAsync(SkillSources.WriteFolder(_home.Sources, "csv-report"));
        await library.AddAsync(SkillSources.WriteWarned(_home.Sources, "access-log-errors"), new SkillAddOptions { ApproveWarnings = true });
        await library.AddAsync(SkillSources.WriteFolder(_home.Sources, "csv-cleaner", description: "Cleans a CSV file by trimming spaces and removing empty rows. Use when a CSV file has messy rows."));
        await library.DisableAsync("csv-cleaner");

        var catalog = Discover(library);

        Assert.Equal(SkillStatus.Available, catalog.Find("csv-report")!.Status);
        Assert.Equal(SkillStatus.Available, catalog.Find("access-log-errors")!.Status);
        Assert.Equal(SkillStatus.Disabled, catalog.Find("csv-cleaner")!.Status);

        File.AppendAllText(Path.Combine(library.SkillDirectory("access-log-errors"), "SKILL.md"), PasteLine);
        var changed = Discover(library);
        var verification = await library.VerifyAsync(changed.Find("access-log-errors")!);

        Assert.Equal(SkillStatus.NeedsApproval, changed.Find("access-log-errors")!.Status);
        Assert.Equal(SkillVerifyOutcome.NeedsApproval, verification.Outcome);
        Assert.False(verification.Usable);
        Assert.Equal(InstalledSkillStatus.NeedsApproval, library.List().Single(s => s.Name == "access-log-errors").Status);

        var report = await library.EnableAsync(changed.Find("access-log-errors")!);

        Assert.Equal(VetVerdict.Warn, report.Verdict);
        Assert.Equal(SkillStatus.Available, Discover(library).Find("access-log-errors")!.Status);
    }

    [Fact]
    public async Task A_warned_project_skill_is_approved_for_its_content_only()
    {
        var workspace = Directory.CreateDirectory(Path.Combine(_home.Root, "ws")).FullName;
        var projectSkills = Directory.CreateDirectory(Path.Combine(workspace, ".chitin", "skills")).FullName;
        var folder = SkillSources.WriteWarned(projectSkills, "access-log-errors");
        var library = new SkillLibrary(TestVetter.Create(), _home.Options);
        var entry = Discover(library, workspace).Find("access-log-errors")!;
        Assert.Equal(SkillStatus.NeedsApproval, entry.Status);

        await library.EnableAsync(entry);

        Assert.Equal(SkillStatus.Available, Discover(library, workspace).Find("access-log-errors")!.Status);
        Assert.Empty(library.List());
        File.AppendAllText(Path.Combine(folder, "SKILL.md"), PasteLine);
        Assert.Equal(SkillStatus.NeedsApproval, Discover(library, workspace).Find("access-log-errors")!.Status);
    }

    [Fact]
    public async Task In_an_untrusted_workspace_a_warned_project_skill_is_hidden_even_with_allow_warned_until_its_content_is_approved()
    {
        var workspace = Directory.CreateDirectory(Path.Combine(_home.Root, "ws")).FullName;
        SkillSources.WriteWarned(Path.Combine(workspace, ".chitin", "skills"), "access-log-errors");
        SkillSources.WriteWarned(Directory.CreateDirectory(_home.Options.SkillsDirectory).FullName, "user-log-errors");
        var library = new SkillLibrary(TestVetter.Create(), _home.Options);

        var untrusted = Discover(library, workspace, allowWarned: true, untrusted: true);
        var trusted = Discover(library, workspace, allowWarned: true, untrusted: false);

        var hidden = untrusted.Find("access-log-errors")!;
        Assert.Equal(SkillStatus.Hidden, hidden.Status);
        Assert.Contains("this folder is not trusted", hidden.StatusReason, StringComparison.Ordinal);
        Assert.Contains("chitin trust", hidden.StatusReason, StringComparison.Ordinal);
        Assert.Equal(SkillStatus.Available, untrusted.Find("user-log-errors")!.Status);
        Assert.Equal(SkillStatus.Available, trusted.Find("access-log-errors")!.Status);

        await library.EnableAsync(hidden);

        Assert.Equal(SkillStatus.Available, Discover(library, workspace, allowWarned: false, untrusted: true).Find("access-log-errors")!.Status);
    }

    [Fact]
    public async Task A_blocked_project_skill_cannot_be_enabled()
    {
        var workspace = Directory.CreateDirectory(Path.Combine(_home.Root, "ws")).FullName;
        SkillSources.WriteMalicious(Path.Combine(workspace, ".chitin", "skills"), "csv-helper");
        var library = new SkillLibrary(TestVetter.Create(), _home.Options);
        var entry = Discover(library, workspace).Find("csv-helper")!;

        var refusal = await Assert.ThrowsAsync<SkillLibraryException>(() => library.EnableAsync(entry));

        Assert.Equal(VetVerdict.Block, refusal.Report!.Verdict);
        Assert.Empty(library.ReadState().ApprovedContentHashes);
        Assert.Equal(SkillStatus.Blocked, Discover(library, workspace).Find("csv-helper")!.Status);
    }

    private SkillCatalog Discover(SkillLibrary library, string? workspace = null, bool allowWarned = false, bool untrusted = false)
    {
        var state = library.ReadState();
        return SkillCatalog.Discover(
            new SkillLocations(workspace, _home.Options.SkillsDirectory, null),
            new SkillCatalogOptions
            {
                Vetter = TestVetter.Create(),
                DisabledNames = state.DisabledNames,
                ApprovedContentHashes = state.ApprovedContentHashes,
                ApproveAllWarnings = allowWarned,
                UntrustedWorkspace = untrusted,
            });
    }
}
