using Chitin.Tools.Files;

namespace Chitin.Tools.Tests.Files;

public sealed class UnifiedDiffTests
{
    [Fact]
    public void Distant_changes_get_separate_hunks_with_three_context_lines()
    {
        var before = string.Concat(Enumerable.Range(1, 20).Select(i => $"line {i}\n"));
        var after = before.Replace("line 2\n", "line two\n", StringComparison.Ordinal).Replace("line 18\n", "line eighteen\n", StringComparison.Ordinal);

        var diff = UnifiedDiff.Create(before, after, "a/f", "b/f");

        Assert.Equal(2, diff.LinesAdded);
        Assert.Equal(2, diff.LinesRemoved);
        Assert.Equal(
            """
            --- a/f
            +++ b/f
            @@ -1,5 +1,5 @@
             line 1
            -line 2
            +line two
             line 3
             line 4
             line 5
            @@ -15,6 +15,6 @@
             line 15
             line 16
             line 17
            -line 18
            +line eighteen
             line 19
             line 20
            """.ReplaceLineEndings("\n"),
            diff.Text);
    }

    [Fact]
    public void Equal_texts_have_an_empty_diff()
    {
        var diff = UnifiedDiff.Create("same\n", "same\n", "a", "b");

        Assert.Equal("", diff.Text);
        Assert.Equal(0, diff.LinesAdded + diff.LinesRemoved);
    }

    [Fact]
    public void Pure_insertions_name_the_line_before_them()
    {
        var diff = UnifiedDiff.Create("a\nb\n", "a\nnew\nb\n", "a/f", "b/f");

        Assert.Equal("--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n a\n+new\n b", diff.Text);
    }
}
