using Chitin.Memory.Sync;
using static Chitin.Memory.Tests.Sync.ParseHelper;

namespace Chitin.Memory.Tests.Sync;

public sealed class MarkdownMemoryParserTests
{
    [Fact]
    public void Bullets_and_paragraphs_become_entries_with_their_lines()
    {
        var parsed = Parse("""
            # Title

            Intro paragraph that
            spans two lines.

            - first bullet
            - second **bold** bullet
            1. ordered one
            """);

        Assert.Equal(
            [("Intro paragraph that spans two lines.", 3), ("first bullet", 6), ("second **bold** bullet", 7), ("ordered one", 8)],
            parsed.Entries.Select(e => (e.Text, e.Line)));
    }

    [Fact]
    public void Headings_become_tags_and_the_leading_title_is_skipped()
    {
        var parsed = Parse("""
            # MEMORY.md

            ## About Sam
            - lives in Lisbon
            ### Family & friends
            - partner is Rui
            ## Work
            - remote
            """);

        Assert.Equal(["about-sam"], parsed.Entries[0].Tags);
        Assert.Equal(["about-sam", "family-friends"], parsed.Entries[1].Tags);
        Assert.Equal(["work"], parsed.Entries[2].Tags);
    }

    [Fact]
    public void Nested_bullets_carry_their_parents_text_and_labels_are_not_entries()
    {
        var parsed = Parse("""
            - Commands:
              - build: make
              - test: make test
            - Backups run nightly.
              - restore test every quarter
            """);

        Assert.Equal(
            ["Commands: build: make", "Commands: test: make test", "Backups run nightly.", "Backups run nightly. restore test every quarter"],
            parsed.Entries.Select(e => e.Text));
        Assert.Equal([2, 3, 4, 5], parsed.Entries.Select(e => e.Line));
    }

    [Fact]
    public void Code_blocks_tables_html_comments_and_quotes_are_handled()
    {
        var parsed = Parse("""
            - real bullet <!-- a note to self -->

            ```bash
            - not a bullet
            ```

                indented code is not an entry

            | a | b |
            |---|---|
            | - x | y |

            <!--
            - hidden bullet
            -->

            > quoted fact
            """);

        Assert.Equal(["real bullet", "quoted fact"], parsed.Entries.Select(e => e.Text));
    }

    [Fact]
    public void Front_matter_tags_are_read_and_other_keys_ignored()
    {
        var parsed = Parse("""
            ---
            summary: anything
            read_when:
              - always
            tags: [home, Personal]
            ---
            - fact
            """);

        Assert.Equal(["home", "Personal"], parsed.FrontMatterTags);
        Assert.Equal(("fact", 7), (parsed.Entries[0].Text, parsed.Entries[0].Line));
    }

    [Fact]
    public void Chitin_section_is_found_with_hidden_ids()
    {
        const string Markdown = """
            - user line

            <!-- chitin:memory:begin -->
            ## Chitin memory

            - stored fact <!-- chitin:mem_0123456789abcdef -->
            - added by hand

            <!-- chitin:memory:end -->
            after
            """;
        var parsed = Parse(Markdown);

        var section = Assert.IsType<ManagedSection>(parsed.Section);
        Assert.Equal(3, section.Line);
        Assert.StartsWith("<!-- chitin:memory:begin -->", Markdown[section.Start..], StringComparison.Ordinal);
        Assert.EndsWith("<!-- chitin:memory:end -->", Markdown[..section.End], StringComparison.Ordinal);
        Assert.Equal(
            [("user line", false, null), ("stored fact", true, "mem_0123456789abcdef"), ("added by hand", true, null), ("after", false, null)],
            parsed.Entries.Select(e => (e.Text, e.InSection, e.ItemId)));
        Assert.Empty(parsed.Entries[1].Tags);
    }

    [Theory]
    [InlineData("a\nb\n", "\n")]
    [InlineData("a\r\nb\r\n", "\r\n")]
    [InlineData("a", "\n")]
    public void Line_ending_is_detected(string text, string expected) => Assert.Equal(expected, Parse(text).NewLine);

    [Fact]
    public void Unclosed_code_fence_is_an_error_with_its_line()
    {
        var error = ParseError("- fact\n\n```python\nprint(1)\n- swallowed\n");

        Assert.Equal(3, error.Line);
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("/work/MEMORY.md:3:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unclosed_html_comment_is_an_error() =>
        Assert.Equal(2, ParseError("- fact\n<!-- forgot to close\n- lost\n").Line);

    [Fact]
    public void Invalid_front_matter_is_an_error_with_the_yaml_line()
    {
        var error = ParseError("---\nsummary: ok\ntags: [a, b\nowner: me\n---\n- fact\n");

        Assert.Equal(3, error.Line);
        Assert.Contains("front matter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Front_matter_with_a_bad_mapping_reports_its_line()
    {
        var error = ParseError("---\nsummary: ok\nread_when: a: b\n---\n- fact\n");

        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Front_matter_that_is_not_key_value_pairs_is_an_error() =>
        Assert.Contains("key: value", ParseError("---\njust a sentence\n---\n- fact\n").Message, StringComparison.Ordinal);

    [Fact]
    public void Front_matter_tags_of_the_wrong_shape_are_an_error() =>
        Assert.Equal(4, ParseError("---\nsummary: x\ntags:\n  a: b\n---\n- fact\n").Line);

    [Fact]
    public void Unclosed_front_matter_is_an_error() =>
        Assert.Equal(1, ParseError("---\ntags: [a]\n\n- fact\n").Line);

    [Theory]
    [InlineData("<!-- chitin:memory:begin -->\n- a\n", 1)]
    [InlineData("- a\n<!-- chitin:memory:end -->\n", 2)]
    [InlineData("<!-- chitin:memory:begin -->\n<!-- chitin:memory:end -->\n<!-- chitin:memory:begin -->\n<!-- chitin:memory:end -->\n", 3)]
    public void Unbalanced_section_markers_are_an_error(string markdown, int line) => Assert.Equal(line, ParseError(markdown).Line);

    [Fact]
    public void Entry_longer_than_an_item_may_be_is_an_error()
    {
        var error = ParseError("- short\n- " + new string('x', 16_001) + "\n");

        Assert.Equal(2, error.Line);
        Assert.Contains("16,000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Escaped_block_markers_read_back_as_text()
    {
        var parsed = Parse("- \\# not a heading\n- 2024\\. was a good year\n");

        Assert.Equal(["# not a heading", "2024. was a good year"], parsed.Entries.Select(e => e.Text));
    }
}
