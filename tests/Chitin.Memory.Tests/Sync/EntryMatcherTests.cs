using Chitin.Memory.Sync;

namespace Chitin.Memory.Tests.Sync;

public sealed class EntryMatcherTests
{
    private static MarkdownEntry Entry(string text, int line, bool inSection = false, string? id = null) => new(text, line, [], inSection, id);

    private static SyncLink Link(string id, string text, int line, SyncRegion region = SyncRegion.File) => new("/f.md", id, region, text, line);

    [Fact]
    public void Same_text_pairs_even_when_lines_moved_and_case_changed()
    {
        var matches = EntryMatcher.Match(
            [Entry("new first line", 1), Entry("sam likes TEA", 2)],
            [Link("mem_a", "Sam likes tea", 9)]);

        Assert.Equal([new EntryPair(1, 0, MatchKind.Same)], matches.Pairs);
        Assert.Equal([0], matches.NewEntries);
        Assert.Empty(matches.GoneLinks);
    }

    [Fact]
    public void Edited_entry_pairs_with_its_old_text_and_unrelated_ones_are_new_and_gone()
    {
        var matches = EntryMatcher.Match(
            [Entry("Run make test-all before every commit", 3), Entry("Deploys go to Fly.io", 4)],
            [Link("mem_a", "Run make test before every commit", 3), Link("mem_b", "Sam's partner is called Rui", 4)]);

        Assert.Equal([new EntryPair(0, 0, MatchKind.Similar)], matches.Pairs);
        Assert.Equal([1], matches.NewEntries);
        Assert.Equal([1], matches.GoneLinks);
    }

    [Fact]
    public void Hidden_id_wins_over_text()
    {
        var matches = EntryMatcher.Match(
            [Entry("completely rewritten", 5, inSection: true, id: "mem_b"), Entry("alpha", 6, inSection: true)],
            [Link("mem_a", "alpha", 5, SyncRegion.Section), Link("mem_b", "beta", 6, SyncRegion.Section)]);

        Assert.Contains(new EntryPair(0, 1, MatchKind.Id), matches.Pairs);
        Assert.Contains(new EntryPair(1, 0, MatchKind.Same), matches.Pairs);
    }

    [Fact]
    public void Repeated_text_pairs_with_the_nearest_line_in_the_same_region()
    {
        var matches = EntryMatcher.Match(
            [Entry("todo", 2), Entry("todo", 20, inSection: true)],
            [Link("mem_section", "todo", 21, SyncRegion.Section), Link("mem_file", "todo", 30)]);

        Assert.Contains(new EntryPair(0, 1, MatchKind.Same), matches.Pairs);
        Assert.Contains(new EntryPair(1, 0, MatchKind.Same), matches.Pairs);
    }
}
