using Chitin.Skills.Format;
using Chitin.Skills.Library;
using Chitin.Skills.Vetting;

namespace Chitin.Skills.Tests.Library;

public sealed class SkillLibraryAddTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task A_benign_folder_is_vetted_installed_pinned_and_listed()
    {
        var source = SkillSources.WriteFolder(_home.Sources, "csv-report");
        var library = NewLibrary();

        var result = await library.AddAsync(source);

        Assert.Equal(SkillAddOutcome.Installed, result.Outcome);
        Assert.Equal(VetVerdict.Pass, result.Report!.Verdict);
        var installed = library.SkillDirectory("csv-report");
        Assert.Equal(File.ReadAllText(Path.Combine(source, "SKILL.md")), File.ReadAllText(Path.Combine(installed, "SKILL.md")));
        var item = Assert.Single(library.List());
        Assert.Equal("csv-report", item.Name);
        Assert.Equal(source, item.Origin);
        Assert.Equal(SkillSourceKind.Folder, item.Source);
        Assert.Equal(1, item.Version);
        Assert.Equal(SkillContentHash.Compute(installed), item.PinnedHash);
        Assert.True(item.Enabled);
        Assert.Equal(InstalledSkillStatus.Ready, item.Status);
        Assert.True(File.Exists(_home.Options.LockFilePath));
        Assert.Empty(_home.StagingLeftovers());

        var verification = await library.VerifyAsync("csv-report");
        Assert.Equal(SkillVerifyOutcome.Unchanged, verification.Outcome);
        Assert.True(verification.Usable);
        Assert.True(File.Exists(Path.Combine(source, "SKILL.md")), "the source folder must be left as it was");
    }

    [Fact]
    public async Task A_blocked_skill_is_refused_and_nothing_is_installed()
    {
        var source = SkillSources.WriteMalicious(_home.Sources, "csv-helper");
        var library = NewLibrary();

        var result = await library.AddAsync(source);

        Assert.Equal(SkillAddOutcome.Blocked, result.Outcome);
        Assert.Equal(VetVerdict.Block, result.Report!.Verdict);
        Assert.Contains(result.Findings, f => f.Severity == FindingSeverity.Block && f.File.Contains("setup.sh", StringComparison.Ordinal));
        Assert.Contains("Nothing was installed", result.Reason, StringComparison.Ordinal);
        Assert.Empty(_home.InstalledFolders());
        Assert.Empty(library.List());
        Assert.Empty(_home.StagingLeftovers());
    }

    [Fact]
    public async Task A_warned_skill_is_installed_only_with_approval()
    {
        var source = SkillSources.WriteWarned(_home.Sources, "access-log-errors");
        var library = NewLibrary();

        var refused = await library.AddAsync(source);
        VetReport? asked = null;
        var declined = await library.AddAsync(source, new SkillAddOptions { ConfirmWarnings = r => { asked = r; return false; } });

        Assert.Equal(SkillAddOutcome.NeedsApproval, refused.Outcome);
        Assert.Equal(SkillAddOutcome.NeedsApproval, declined.Outcome);
        Assert.Equal(VetVerdict.Warn, asked!.Verdict);
        Assert.Empty(_home.InstalledFolders());

        var approved = await library.AddAsync(source, new SkillAddOptions { ConfirmWarnings = _ => true });

        Assert.Equal(SkillAddOutcome.Installed, approved.Outcome);
        var item = Assert.Single(library.List());
        Assert.Equal(VetVerdict.Warn, item.Verdict);
        Assert.True(item.WarningsApproved);
        Assert.Equal(InstalledSkillStatus.Ready, item.Status);
        Assert.True((await library.VerifyAsync("access-log-errors")).Usable);
    }

    [Fact]
    public async Task A_skill_that_breaks_the_spec_is_refused_with_its_findings()
    {
        var source = SkillSources.WriteFolder(_home.Sources, "csv-report", declaredName: "CSV Report!");
        var library = NewLibrary();

        var result = await library.AddAsync(source);

        Assert.Equal(SkillAddOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Findings, f => f.Rule.StartsWith("spec.name", StringComparison.Ordinal));
        Assert.Contains("specification", result.Reason, StringComparison.Ordinal);
        Assert.Empty(_home.InstalledFolders());
    }

    [Fact]
    public async Task A_missing_source_or_a_folder_without_skill_md_is_rejected_clearly()
    {
        var library = NewLibrary();
        var empty = Directory.CreateDirectory(Path.Combine(_home.Sources, "not-a-skill")).FullName;
        var text = Path.Combine(_home.Sources, "notes.txt");
        File.WriteAllText(text, "hello");

        var missing = await library.AddAsync(Path.Combine(_home.Sources, "nope"));
        var noSkillFile = await library.AddAsync(empty);
        var notZip = await library.AddAsync(text);

        Assert.Equal(SkillAddOutcome.Rejected, missing.Outcome);
        Assert.Contains("does not exist", missing.Reason, StringComparison.Ordinal);
        Assert.Equal(SkillAddOutcome.Rejected, noSkillFile.Outcome);
        Assert.Contains("no SKILL.md", noSkillFile.Reason, StringComparison.Ordinal);
        Assert.Equal(SkillAddOutcome.Rejected, notZip.Outcome);
        Assert.Contains("not a .zip", notZip.Reason, StringComparison.Ordinal);
        Assert.Empty(_home.InstalledFolders());
    }

    [Fact]
    public async Task A_folder_with_a_symbolic_link_is_refused()
    {
        var secret = Path.Combine(_home.Root, "id_rsa");
        File.WriteAllText(secret, "PRIVATE KEY");
        var source = SkillSources.WriteFolder(_home.Sources, "csv-report");
        File.CreateSymbolicLink(Path.Combine(source, "key.txt"), secret);
        var library = NewLibrary();

        var result = await library.AddAsync(source);

        Assert.Equal(SkillAddOutcome.Rejected, result.Outcome);
        Assert.Contains("symbolic link", result.Reason, StringComparison.Ordinal);
        Assert.Empty(_home.InstalledFolders());
        Assert.Empty(_home.StagingLeftovers());
    }

    [Fact]
    public async Task The_same_name_again_is_refused_unless_replacing_which_keeps_version_1()
    {
        var first = SkillSources.WriteFolder(_home.Sources, "csv-report");
        var library = NewLibrary();
        await library.AddAsync(first);
        var firstHash = Assert.Single(library.List()).PinnedHash;
        var second = SkillSources.WriteFolder(Path.Combine(_home.Sources, "v2"), "csv-report", body: SkillSources.BenignBody + "\n5. Mention empty columns explicitly.\n");

        var again = await library.AddAsync(second);
        var replaced = await library.AddAsync(second, new SkillAddOptions { Replace = true });

        Assert.Equal(SkillAddOutcome.AlreadyInstalled, again.Outcome);
        Assert.Contains("version 2", again.Reason, StringComparison.Ordinal);
        Assert.Equal(SkillAddOutcome.Installed, replaced.Outcome);
        var item = Assert.Single(library.List());
        Assert.Equal(2, item.Version);
        Assert.Equal(1, item.PreviousVersions);
        Assert.Contains("empty columns", File.ReadAllText(Path.Combine(item.Directory, "SKILL.md")), StringComparison.Ordinal);
        var previous = Assert.Single(library.ListVersions("csv-report"));
        Assert.Equal(1, previous.Version);
        Assert.Equal(firstHash, previous.ContentHash);
        Assert.Equal(firstHash, SkillContentHash.Compute(library.VersionDirectory("csv-report", 1)));
        Assert.Equal(["csv-report"], _home.InstalledFolders());
    }

    private SkillLibrary NewLibrary() => new(TestVetter.Create(), _home.Options);
}
