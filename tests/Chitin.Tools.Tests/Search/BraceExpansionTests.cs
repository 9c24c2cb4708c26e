using Chitin.Tools.Search;

namespace Chitin.Tools.Tests.Search;

public sealed class BraceExpansionTests
{
    [Theory]
    [InlineData("*.cs", new[] { "*.cs" })]
    [InlineData("src/*.{ts,tsx}", new[] { "src/*.ts", "src/*.tsx" })]
    [InlineData("{a,b}/{c,d}", new[] { "a/c", "a/d", "b/c", "b/d" })]
    [InlineData("x{a,{b,c}}", new[] { "xa", "xb", "xc" })]
    [InlineData("{single}.txt", new[] { "{single}.txt" })]
    [InlineData("{unclosed,x", new[] { "{unclosed,x" })]
    public void Expands_braces_like_a_shell(string pattern, string[] expected)
    {
        Assert.Equal(expected, BraceExpansion.Expand(pattern));
    }

    [Fact]
    public void Expansion_is_bounded()
    {
        var explosive = string.Concat(Enumerable.Repeat("{a,b}", 20));

        Assert.True(BraceExpansion.Expand(explosive).Count <= 64);
    }
}
