using Chitin.Memory.Retrieval;

namespace Chitin.Memory.Tests.Retrieval;

public sealed class FtsQueryBuilderTests
{
    [Theory]
    [InlineData("user editor", "\"user\" OR \"editor\"")]
    [InlineData("What is the user's editor?", "\"user\" OR \"editor\"")]
    [InlineData("NEAR(a b) AND c*", "\"near\" OR \"b\" OR \"c\"")]
    [InlineData("the of and", "\"the\" OR \"of\" OR \"and\"")]
    [InlineData("editor EDITOR Editor", "\"editor\"")]
    [InlineData("\"quoted\" phrase", "\"quoted\" OR \"phrase\"")]
    public void Words_become_quoted_ored_strings(string text, string expected) =>
        Assert.Equal(expected, FtsQueryBuilder.Build(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("*** () \" ^ -")]
    public void Text_without_words_has_no_query(string text) =>
        Assert.Null(FtsQueryBuilder.Build(text));

    [Fact]
    public void Long_queries_are_capped()
    {
        var text = string.Join(' ', Enumerable.Range(0, 100).Select(i => $"word{i}"));

        var match = FtsQueryBuilder.Build(text)!;

        Assert.Equal(FtsQueryBuilder.MaxTerms, match.Split(" OR ").Length);
    }
}
