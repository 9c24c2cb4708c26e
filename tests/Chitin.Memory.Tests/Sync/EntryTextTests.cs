using Chitin.Memory.Sync;
using static Chitin.Memory.Tests.Sync.ParseHelper;

namespace Chitin.Memory.Tests.Sync;

public sealed class EntryTextTests
{
    [Theory]
    [InlineData("plain fact")]
    [InlineData("# looks like a heading")]
    [InlineData("> looks like a quote")]
    [InlineData("- looks like a bullet")]
    [InlineData("* star bullet")]
    [InlineData("+ plus bullet")]
    [InlineData("1. looks ordered")]
    [InlineData("2024) also ordered")]
    [InlineData("```not a fence")]
    [InlineData("<div>html</div> at the start")]
    [InlineData("[ref]: http://example.com")]
    [InlineData("\\ starts with a backslash")]
    [InlineData("multi\nline\n\ntext")]
    [InlineData("uses `code` and **bold**")]
    public void A_bullet_reads_back_as_the_items_text(string itemText)
    {
        var parsed = Parse("- " + EntryText.Bullet(itemText) + " " + SectionMarkers.IdComment("mem_0123456789abcdef") + "\n");

        var entry = Assert.Single(parsed.Entries);
        Assert.Equal(EntryText.Plain(itemText), entry.Text);
        Assert.Equal("mem_0123456789abcdef", entry.ItemId);
    }

    [Fact]
    public void Html_comment_delimiters_in_an_item_cannot_break_the_file()
    {
        var parsed = Parse("- " + EntryText.Bullet("see <!-- this --> and <!-- chitin:memory:end -->") + "\n- next\n");

        Assert.Equal(2, parsed.Entries.Count);
        Assert.Equal(EntryText.Plain("see <!-- this --> and <!-- chitin:memory:end -->"), parsed.Entries[0].Text);
    }

    [Fact]
    public void Keys_ignore_case_and_whitespace()
    {
        Assert.True(EntryText.Same("Sam prefers  Vim", "sam prefers\nvim"));
        Assert.False(EntryText.Same("Sam prefers Vim", "Sam prefers Emacs"));
        Assert.Equal(EntryText.Hash("A  b"), EntryText.Hash("a b"));
        Assert.Equal(16, EntryText.Hash("x").Length);
    }

    [Fact]
    public void Similarity_tells_an_edit_from_a_different_entry()
    {
        Assert.True(EntryText.Similarity("Run all tests with make test before every commit.", "Run all tests with make test-all before every push.") >= EntryMatcher.EditThreshold);
        Assert.True(EntryText.Similarity("Likes tea", "Likes green tea") >= EntryMatcher.EditThreshold);
        Assert.True(EntryText.Similarity("The deploy target is Fly.io", "Sam's partner is called Rui") < EntryMatcher.EditThreshold);
    }
}
