using Chitin.Testing.Wire;

namespace Chitin.Testing.Tests;

public sealed class TextChunkerTests
{
    [Theory]
    [InlineData("The quick brown fox jumps over the lazy dog and keeps running far away.", 12)]
    [InlineData("averyveryverylongwordwithoutanyspacesatallthatgoesonandon", 8)]
    [InlineData("🦀🦀🦀🦀🦀🦀🦀🦀🦀🦀", 3)]
    [InlineData("x", 20)]
    public void Pieces_rebuild_the_text_without_splitting_surrogate_pairs(string text, int chunkChars)
    {
        var pieces = TextChunker.Split(text, chunkChars);

        Assert.Equal(text, string.Concat(pieces));
        Assert.All(pieces, p => Assert.False(char.IsHighSurrogate(p[^1]), $"piece '{p}' ends inside a surrogate pair"));
        Assert.All(pieces, p => Assert.NotEmpty(p));
    }

    [Fact]
    public void Pieces_end_after_whole_words_when_a_space_is_near()
    {
        var pieces = TextChunker.Split("alpha beta gamma delta epsilon zeta eta theta", 8);

        Assert.True(pieces.Count >= 4);
        Assert.All(pieces[..^1], p => Assert.EndsWith(" ", p, StringComparison.Ordinal));
    }

    [Fact]
    public void Short_arguments_still_arrive_in_at_least_two_pieces()
    {
        var pieces = TextChunker.Split("""{"a":1}""", 20, minimumPieces: 2);

        Assert.True(pieces.Count >= 2);
        Assert.Equal("""{"a":1}""", string.Concat(pieces));
    }

    [Fact]
    public void Empty_text_has_no_pieces() => Assert.Empty(TextChunker.Split(string.Empty, 10));
}
