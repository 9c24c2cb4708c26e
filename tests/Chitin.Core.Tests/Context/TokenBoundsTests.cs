using Chitin.Core.Context;

namespace Chitin.Core.Tests.Context;

public sealed class TokenBoundsTests
{
    [Theory]
    [InlineData("plain ascii text that is short", 40)]
    [InlineData("emoji 🧪🧪🧪 and CJK 漢字", 40)]
    public void The_byte_bound_is_never_below_the_real_token_count(string text, int budget)
    {
        Assert.True(TokenBounds.SurelyWithin(text, budget));
        Assert.True(TiktokenCounter.Instance.CountTokens(text) <= budget);
    }

    [Fact]
    public void Texts_within_the_budget_by_bytes_are_not_counted()
    {
        var counter = new CountingCounter();

        Assert.True(counter.FitsWithin(new string('a', 500), 500));
        Assert.Equal(0, counter.Calls);
    }

    [Fact]
    public void Texts_over_the_byte_bound_are_counted_exactly()
    {
        var counter = new CountingCounter();
        var text = string.Concat(Enumerable.Repeat("word ", 200));

        Assert.True(counter.FitsWithin(text, 300));
        Assert.False(counter.FitsWithin(text, 199));
        Assert.Equal(2, counter.Calls);
    }

    [Fact]
    public void Multi_byte_text_is_bounded_by_bytes_not_chars()
    {
        // 100 emoji are 200 chars but 400 UTF-8 bytes; the tokenizer can split each emoji into several tokens.
        var emoji = string.Concat(Enumerable.Repeat("🧪", 100));

        Assert.False(TokenBounds.SurelyWithin(emoji, 399));
        Assert.True(TokenBounds.SurelyWithin(emoji, 400));
    }

    /// <summary>Counts words, and how often it was asked.</summary>
    private sealed class CountingCounter : ITokenCounter
    {
        public int Calls { get; private set; }

        public int CountTokens(string text)
        {
            Calls++;
            return text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        }
    }
}
