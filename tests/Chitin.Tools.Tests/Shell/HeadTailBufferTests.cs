using Chitin.Tools.Shell;

namespace Chitin.Tools.Tests.Shell;

public sealed class HeadTailBufferTests
{
    [Fact]
    public void Short_text_is_kept_whole()
    {
        var buffer = new HeadTailBuffer(10);
        buffer.Append("abc");
        buffer.Append("def");

        Assert.Equal("abcdef", buffer.ToString());
        Assert.False(buffer.Truncated);
    }

    [Fact]
    public void Many_small_appends_keep_the_first_and_last_characters()
    {
        var buffer = new HeadTailBuffer(6);
        foreach (var c in "0123456789")
        {
            buffer.Append([c]);
        }

        Assert.Equal("012\n[... 4 chars omitted ...]\n789", buffer.ToString());
        Assert.Equal(10, buffer.TotalChars);
        Assert.True(buffer.Truncated);
    }

    [Fact]
    public void One_big_append_fills_head_and_tail()
    {
        var buffer = new HeadTailBuffer(6);
        buffer.Append("0123456789");

        Assert.Equal("012\n[... 4 chars omitted ...]\n789", buffer.ToString());
    }

    [Fact]
    public void Surrogate_pairs_are_not_split_at_the_cut()
    {
        var buffer = new HeadTailBuffer(6);
        buffer.Append("ab😀xyz😀cd");

        var text = buffer.ToString();
        Assert.DoesNotContain(text, c => char.IsSurrogate(c));
        Assert.StartsWith("ab\n", text, StringComparison.Ordinal);
    }
}
