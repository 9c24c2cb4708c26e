namespace Chitin.Skills.Vetting.Tests;

public sealed class SkillContentHashTests
{
    [Fact]
    public void The_hash_is_deterministic_across_locations_and_timestamps()
    {
        using var a = new TempSkill();
        a.Write("scripts/run.sh", "#!/bin/sh\necho hi\n");
        using var b = new TempSkill();
        b.Write("scripts/run.sh", "#!/bin/sh\necho hi\n");
        File.SetLastWriteTimeUtc(Path.Combine(b.Directory, "scripts/run.sh"), new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var hash = SkillContentHash.Compute(a.Directory);

        Assert.Equal(hash, SkillContentHash.Compute(b.Directory));
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Fact]
    public void Changing_a_byte_renaming_or_adding_a_file_changes_the_hash()
    {
        using var skill = new TempSkill();
        skill.Write("scripts/run.sh", "echo 1\n");
        var original = SkillContentHash.Compute(skill.Directory);

        skill.Write("scripts/run.sh", "echo 2\n");
        var edited = SkillContentHash.Compute(skill.Directory);
        File.Move(Path.Combine(skill.Directory, "scripts/run.sh"), Path.Combine(skill.Directory, "scripts/go.sh"));
        var renamed = SkillContentHash.Compute(skill.Directory);
        skill.Write("empty.txt", "");
        var added = SkillContentHash.Compute(skill.Directory);

        Assert.Equal(4, new[] { original, edited, renamed, added }.Distinct().Count());
    }

    [Fact]
    public void A_link_is_hashed_by_its_target_not_by_the_content_it_points_to()
    {
        using var outside = new TempSkill("outside");
        var target = outside.Write("data.txt", "one\n");
        using var skill = new TempSkill();
        File.CreateSymbolicLink(Path.Combine(skill.Directory, "data.txt"), target);
        var before = SkillContentHash.Compute(skill.Directory);

        File.WriteAllText(target, "two\n");

        Assert.Equal(before, SkillContentHash.Compute(skill.Directory));
    }

    [Fact]
    public async Task The_vet_report_carries_the_same_hash()
    {
        using var skill = new TempSkill();
        skill.Write("references/a.md", "Notes.\n");

        var report = await Vet.FolderAsync(skill.Directory);

        Assert.Equal(SkillContentHash.Compute(skill.Directory), report.ContentHash);
    }

    [Fact]
    public void A_missing_folder_is_a_clear_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), "chitin-no-such-skill-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<DirectoryNotFoundException>(() => SkillContentHash.Compute(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}
