using Chitin.Channels.Telegram;

namespace Chitin.Channels.Tests;

public sealed class MessageSplitterTests
{
    [Fact]
    public void A_short_text_stays_one_message()
    {
        Assert.Equal(["hello"], MessageSplitter.Split("hello"));
    }

    [Fact]
    public void Without_paragraphs_it_cuts_at_lines_then_words_and_never_exceeds_the_limit()
    {
        var lines = string.Join("\n", Enumerable.Range(0, 40).Select(i => $"line {i:00} " + new string('x', 20)));
        var parts = MessageSplitter.Split(lines, 100);
        Assert.All(parts, p => Assert.InRange(p.Length, 1, 100));
        Assert.All(parts, p => Assert.StartsWith("line ", p, StringComparison.Ordinal));
        Assert.Equal(lines, string.Join("\n", parts));

        var words = string.Join(" ", Enumerable.Repeat("word", 100));
        var wordParts = MessageSplitter.Split(words, 64);
        Assert.All(wordParts, p => Assert.DoesNotContain("wor ", p + " ", StringComparison.Ordinal));
        Assert.Equal(words, string.Join(" ", wordParts));
    }

    [Fact]
    public void A_hard_cut_keeps_surrogate_pairs_whole()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 40));
        var parts = MessageSplitter.Split(text, 31);
        Assert.All(parts, p => Assert.False(char.IsHighSurrogate(p[^1])));
        Assert.Equal(text, string.Concat(parts));
    }
}
