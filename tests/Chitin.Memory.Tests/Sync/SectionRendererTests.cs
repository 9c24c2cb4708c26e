using Chitin.Memory.Sync;
using static Chitin.Memory.Tests.Sync.ParseHelper;

namespace Chitin.Memory.Tests.Sync;

public sealed class SectionRendererTests
{
    private static readonly SectionBullet[] Bullets =
    [
        new("mem_0000000000000001", EntryText.Bullet("first fact"), "first fact"),
        new("mem_0000000000000002", EntryText.Bullet("# second"), "# second"),
    ];

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Rendered_section_parses_back_to_its_bullets_in_the_files_line_ending(string newLine)
    {
        var section = SectionRenderer.Render(Bullets, newLine);
        var parsed = Parse("# Notes" + newLine + newLine + section + newLine);

        Assert.Equal(["first fact", "# second"], parsed.Entries.Select(e => e.Text));
        Assert.All(parsed.Entries, e => Assert.True(e.InSection));
        Assert.Equal(["mem_0000000000000001", "mem_0000000000000002"], parsed.Entries.Select(e => e.ItemId));
        Assert.Equal(newLine == "\n" ? 0 : section.Split('\n').Length - 1, section.Split("\r\n").Length - 1);
        Assert.Equal(3 + SectionRenderer.LinesBeforeBullets, parsed.Entries[0].Line);
    }

    [Theory]
    [InlineData("", "S\n", 0)]
    [InlineData("a\n", "a\n\nS\n", 3)]
    [InlineData("a", "a\n\nS", 3)]
    [InlineData("a\n\n", "a\n\nS\n", 3)]
    [InlineData("a\r\n", "a\r\n\r\nS\r\n", 5)]
    public void Appending_keeps_the_text_before_it_and_the_files_final_line_break_style(string text, string expected, int start)
    {
        var newLine = text.Contains('\r', StringComparison.Ordinal) ? "\r\n" : "\n";

        var (updated, sectionStart) = SectionRenderer.Splice(text, null, "S", newLine);

        Assert.Equal(expected, updated);
        Assert.Equal(start, sectionStart);
        Assert.StartsWith(text, updated, StringComparison.Ordinal);
    }

    [Fact]
    public void Replacing_keeps_everything_outside_the_section()
    {
        const string Text = "before\r\n<!-- chitin:memory:begin -->\r\nold\r\n<!-- chitin:memory:end -->\r\nafter";
        var section = Parse(Text).Section;

        var (updated, _) = SectionRenderer.Splice(Text, section, "<!-- chitin:memory:begin -->NEW<!-- chitin:memory:end -->", "\r\n");

        Assert.Equal("before\r\n<!-- chitin:memory:begin -->NEW<!-- chitin:memory:end -->\r\nafter", updated);
    }
}
