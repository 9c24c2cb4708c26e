using Chitin.Tools.Search;

namespace Chitin.Tools.Tests.Search;

public sealed class GitIgnoreTests
{
    private static bool? Match(string rules, string path, bool isDirectory = false, string baseDirectory = "") =>
        GitIgnore.Parse(baseDirectory, rules.Split('\n')).Match(path, isDirectory);

    [Theory]
    [InlineData("*.log", "debug.log", true)]
    [InlineData("*.log", "deep/down/debug.log", true)]
    [InlineData("*.log", "debug.log.txt", null)]
    [InlineData("/todo.txt", "todo.txt", true)]
    [InlineData("/todo.txt", "sub/todo.txt", null)]
    [InlineData("doc/*.txt", "doc/notes.txt", true)]
    [InlineData("doc/*.txt", "doc/server/arch.txt", null)]
    [InlineData("doc/*.txt", "other/doc/notes.txt", null)]
    [InlineData("**/logs", "a/b/logs", true)]
    [InlineData("**/logs", "logs", true)]
    [InlineData("a/**/b", "a/b", true)]
    [InlineData("a/**/b", "a/x/y/b", true)]
    [InlineData("abc/**", "abc/x/y.txt", true)]
    [InlineData("abc/**", "abc", null)]
    [InlineData("file?.txt", "file1.txt", true)]
    [InlineData("file?.txt", "file10.txt", null)]
    [InlineData("file[0-3].txt", "file2.txt", true)]
    [InlineData("file[!0-3].txt", "file2.txt", null)]
    [InlineData("file[!0-3].txt", "file7.txt", true)]
    [InlineData("\\#notes", "#notes", true)]
    [InlineData("# a comment", "# a comment", null)]
    [InlineData("trailing   ", "trailing", true)]
    [InlineData("odd[name", "odd[name", true)]
    public void Patterns_follow_gitignore_rules(string rules, string path, bool? expected)
    {
        Assert.Equal(expected, Match(rules, path));
    }

    [Fact]
    public void A_trailing_slash_matches_directories_only()
    {
        Assert.True(Match("build/", "build", isDirectory: true));
        Assert.Null(Match("build/", "build", isDirectory: false));
        Assert.True(Match("build/", "src/build", isDirectory: true));
    }

    [Fact]
    public void The_last_matching_rule_wins_and_negation_re_includes()
    {
        const string rules = "*.log\n!keep.log";

        Assert.True(Match(rules, "a.log"));
        Assert.False(Match(rules, "keep.log"));
        Assert.True(Match("!keep.log\n*.log", "keep.log"));
    }

    [Fact]
    public void Rules_of_a_nested_file_are_relative_to_its_folder()
    {
        Assert.True(Match("/generated.cs", "src/generated.cs", baseDirectory: "src"));
        Assert.Null(Match("/generated.cs", "src/deeper/generated.cs", baseDirectory: "src"));
        Assert.True(Match("*.tmp", "src/deeper/x.tmp", baseDirectory: "src"));
    }
}
