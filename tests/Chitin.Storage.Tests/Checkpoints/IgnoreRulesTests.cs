using Chitin.Storage.Checkpoints;

namespace Chitin.Storage.Tests.Checkpoints;

public sealed class IgnoreRulesTests
{
    [Theory]
    [InlineData("app.log", false, true)]
    [InlineData("src/deep/app.log", false, true)]
    [InlineData("keep.log", false, false)]
    [InlineData("build", true, true)]
    [InlineData("src/build", true, true)]
    [InlineData("build", false, false)]
    [InlineData("dist", true, true)]
    [InlineData("src/dist", true, false)]
    [InlineData("docs/a/b/c.tmp", false, true)]
    [InlineData("docs/c.tmp", false, true)]
    [InlineData("other/c.tmp", false, false)]
    [InlineData("cache-1", false, true)]
    [InlineData("x/cache-2", false, true)]
    [InlineData("file[1].txt", false, false)]
    [InlineData("data1.csv", false, true)]
    [InlineData("dataA.csv", false, false)]
    [InlineData("#notes", false, true)]
    public void Gitignore_lines_match_as_git_does(string path, bool isDirectory, bool ignored)
    {
        var rules = IgnoreRules.None.With("", ["# comment", "", "*.log", "!keep.log", "build/", "/dist", "docs/**/*.tmp", "cache-*", "data[0-9].csv", "\\#notes"]);

        Assert.Equal(ignored, rules.IsIgnored(path, path.Split('/')[^1], isDirectory));
    }

    [Fact]
    public void A_nested_gitignore_applies_below_its_folder_and_wins_over_the_parent()
    {
        var rules = IgnoreRules.None.With("", ["*.gen"]).With("pkg", ["!keep.gen", "/local.txt"]);

        Assert.True(rules.IsIgnored("pkg/a.gen", "a.gen", false));
        Assert.False(rules.IsIgnored("pkg/keep.gen", "keep.gen", false));
        Assert.True(rules.IsIgnored("pkg/local.txt", "local.txt", false));
        Assert.False(rules.IsIgnored("pkg/sub/local.txt", "local.txt", false));
    }
}
