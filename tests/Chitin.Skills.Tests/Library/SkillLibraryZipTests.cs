using Chitin.Skills.Library;

namespace Chitin.Skills.Tests.Library;

public sealed class SkillLibraryZipTests : IDisposable
{
    private const int RegularFile = 0x81A4; // S_IFREG | 0644
    private const int SymbolicLink = 0xA1FF; // S_IFLNK | 0777

    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task A_zip_of_the_skill_folder_is_installed()
    {
        var folder = SkillSources.WriteFolder(_home.Sources, "csv-report");
        var zip = SkillSources.Zip(folder, Path.Combine(_home.Root, "csv-report-1.0.zip"));
        var library = NewLibrary();

        var result = await library.AddAsync(zip);

        Assert.Equal(SkillAddOutcome.Installed, result.Outcome);
        var item = Assert.Single(library.List());
        Assert.Equal(SkillSourceKind.Zip, item.Source);
        Assert.Equal(zip, item.Origin);
        Assert.True(File.Exists(Path.Combine(item.Directory, "SKILL.md")));
        Assert.Empty(_home.StagingLeftovers());
    }

    [Fact]
    public async Task A_zip_with_skill_md_at_its_top_is_named_after_the_skill_not_the_archive()
    {
        var folder = SkillSources.WriteFolder(_home.Sources, "csv-report", files: new Dictionary<string, string> { ["references/format.md"] = "# CSV format\n\nComma separated.\n" });
        var zip = SkillSources.Zip(folder, Path.Combine(_home.Root, "download (3).zip"), atRoot: true);
        var library = NewLibrary();

        var result = await library.AddAsync(zip);

        Assert.Equal(SkillAddOutcome.Installed, result.Outcome);
        Assert.Equal(["csv-report"], _home.InstalledFolders());
        Assert.True(File.Exists(Path.Combine(library.SkillDirectory("csv-report"), "references", "format.md")));
    }

    [Fact]
    public async Task Zip_slip_is_refused_and_nothing_lands_outside()
    {
        var zip = SkillSources.ZipEntries(
            Path.Combine(_home.Root, "slip.zip"),
            ("csv-report/SKILL.md", SkillSources.BenignSkillFile("csv-report"), 0),
            ("csv-report/../../../escaped.sh", SkillSources.Utf8("echo owned\n"), 0));

        var result = await NewLibrary().AddAsync(zip);

        Assert.Equal(SkillAddOutcome.Rejected, result.Outcome);
        Assert.Contains("zip-slip", result.Reason, StringComparison.Ordinal);
        Assert.Contains("escaped.sh", result.Reason, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_home.Root, "escaped.sh", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_home.Root)!, "escaped.sh")));
        AssertNothingInstalled();
    }

    [Fact]
    public async Task An_absolute_entry_path_is_refused()
    {
        var target = Path.Combine(_home.Root, "absolute-target.sh");
        var zip = SkillSources.ZipEntries(
            Path.Combine(_home.Root, "absolute.zip"),
            ("SKILL.md", SkillSources.BenignSkillFile("csv-report"), 0),
            (target, SkillSources.Utf8("echo owned\n"), 0));

        var result = await NewLibrary().AddAsync(zip);

        Assert.Equal(SkillAddOutcome.Rejected, result.Outcome);
        Assert.Contains("absolute path", result.Reason, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
        AssertNothingInstalled();
    }

    [Fact]
    public async Task A_symbolic_link_entry_is_refused()
    {
        var zip = SkillSources.ZipEntries(
            Path.Combine(_home.Root, "link.zip"),
            ("csv-report/SKILL.md", SkillSources.BenignSkillFile("csv-report"), RegularFile),
            ("csv-report/references/keys", SkillSources.Utf8("/home/user/.ssh/id_rsa"), SymbolicLink));

        var result = await NewLibrary().AddAsync(zip);

        Assert.Equal(SkillAddOutcome.Rejected, result.Outcome);
        Assert.Contains("symbolic link", result.Reason, StringComparison.Ordinal);
        AssertNothingInstalled();
    }

    [Fact]
    public async Task A_huge_entry_is_refused()
    {
        var options = _home.Options with { MaxFileBytes = 64 * 1024 };
        var zip = SkillSources.ZipEntries(
            Path.Combine(_home.Root, "huge.zip"),
            ("csv-report/SKILL.md", SkillSources.BenignSkillFile("csv-report"), 0),
            ("csv-report/assets/data.bin", RandomBytes(200 * 1024), 0));

        var result = await new SkillLibrary(TestVetter.Create(), options).AddAsync(zip);

        Assert.Equal(SkillAddOutcome.Rejected, result.Outcome);
        Assert.Contains("assets/data.bin", result.Reason, StringComparison.Ordinal);
        Assert.Contains("limit for one file", result.Reason, StringComparison.Ordinal);
        AssertNothingInstalled();
    }

    [Fact]
    public async Task A_zip_bomb_is_refused_before_it_is_inflated()
    {
        var zip = SkillSources.ZipEntries(
            Path.Combine(_home.Root, "bomb.zip"),
            ("csv-report/SKILL.md", SkillSources.BenignSkillFile("csv-report"), 0),
            ("csv-report/assets/zeros.txt", new byte[16 * 1024 * 1024], 0));
        Assert.True(new FileInfo(zip).Length < 100 * 1024, "the test archive should be small");

        var result = await NewLibrary().AddAsync(zip);

        Assert.Equal(SkillAddOutcome.Rejected, result.Outcome);
        Assert.Contains("zip bomb", result.Reason, StringComparison.Ordinal);
        AssertNothingInstalled();
    }

    [Fact]
    public async Task Too_many_entries_are_refused()
    {
        var options = _home.Options with { MaxEntries = 10 };
        var entries = Enumerable.Range(0, 20).Select(i => ($"csv-report/references/n{i}.md", SkillSources.Utf8("note"), 0))
            .Prepend(("csv-report/SKILL.md", SkillSources.BenignSkillFile("csv-report"), 0))
            .ToArray();
        var zip = SkillSources.ZipEntries(Path.Combine(_home.Root, "many.zip"), entries);

        var result = await new SkillLibrary(TestVetter.Create(), options).AddAsync(zip);

        Assert.Equal(SkillAddOutcome.Rejected, result.Outcome);
        Assert.Contains("more than 10", result.Reason, StringComparison.Ordinal);
        AssertNothingInstalled();
    }

    [Fact]
    public async Task A_corrupt_archive_is_refused_with_a_clear_reason()
    {
        var zip = Path.Combine(_home.Root, "broken.zip");
        await File.WriteAllTextAsync(zip, "this is not a zip archive");

        var result = await NewLibrary().AddAsync(zip);

        Assert.Equal(SkillAddOutcome.Rejected, result.Outcome);
        Assert.Contains("not a readable .zip", result.Reason, StringComparison.Ordinal);
        AssertNothingInstalled();
    }

    [Fact]
    public async Task A_blocked_skill_inside_a_zip_is_not_installed()
    {
        var folder = SkillSources.WriteMalicious(_home.Sources, "csv-helper");
        var zip = SkillSources.Zip(folder, Path.Combine(_home.Root, "helper.zip"));

        var result = await NewLibrary().AddAsync(zip);

        Assert.Equal(SkillAddOutcome.Blocked, result.Outcome);
        AssertNothingInstalled();
    }

    private void AssertNothingInstalled()
    {
        Assert.Empty(_home.InstalledFolders());
        Assert.Empty(_home.StagingLeftovers());
        Assert.False(File.Exists(_home.Options.LockFilePath));
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    private SkillLibrary NewLibrary() => new(TestVetter.Create(), _home.Options);
}
