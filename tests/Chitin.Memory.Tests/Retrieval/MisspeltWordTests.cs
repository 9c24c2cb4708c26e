using Chitin.Memory.Model;
using Chitin.Memory.Retrieval;
using Chitin.Memory.Storage;
using Chitin.Memory.Tests.Storage;
using static Chitin.Memory.Tests.Storage.MemoryStoreFolder;

namespace Chitin.Memory.Tests.Retrieval;

/// <summary>A search word that no item holds is looked up in the full-text index's vocabulary one typing slip away.</summary>
public sealed class MisspeltWordTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_misspelt_name_finds_its_fact_lexically_ahead_of_facts_that_share_only_the_spelt_words()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync(new MemoryStoreOptions { Time = folder.Clock, BackgroundIndexing = false });
        string[] surnames = ["Mensah", "Ekström", "Santos", "Alvarez", "Reyes", "Okafor", "Lindqvist", "Moreau"];
        var drafts = surnames.Select(s => Draft($"Rosa {s} has a favourite pastime: climbing.")).ToList();
        drafts.Add(Draft("Ask Rosa Cardoso about bouldering; it is her favourite pastime."));
        await store.SaveManyAsync(drafts, Writer, None);

        // "Catdoso" (one slip from "Cardoso") and "psatime" (a swap in "pastime") are in no item.
        var hits = await store.SearchAsync(new MemorySearchQuery { Text = "Rosa Catdoso favourite psatime", Viewer = Writer, Mode = RetrievalMode.Lexical, Limit = 3 }, None);
        var correct = await store.SearchAsync(new MemorySearchQuery { Text = "Rosa Cardoso favourite pastime", Viewer = Writer, Mode = RetrievalMode.Lexical, Limit = 3 }, None);

        Assert.Equal("Ask Rosa Cardoso about bouldering; it is her favourite pastime.", correct[0].Item.Text);
        Assert.Equal(correct[0].Item.Text, hits[0].Item.Text);
    }

    [Fact]
    public async Task A_word_far_from_every_indexed_word_matches_nothing()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync(new MemoryStoreOptions { Time = folder.Clock, BackgroundIndexing = false });
        await store.SaveAsync(Draft("The deploy key lives in the vault."), Writer, None);

        var hits = await store.SearchAsync(new MemorySearchQuery { Text = "vxyzzq", Viewer = Writer, Mode = RetrievalMode.Lexical }, None);

        Assert.Empty(hits);
    }

    [Fact]
    public async Task A_slip_in_a_word_the_index_keeps_as_a_shorter_stem_is_still_corrected()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync(new MemoryStoreOptions { Time = folder.Clock, BackgroundIndexing = false });
        // Saved first, so it loses a tie on "Kenji Keller" to the newer items if "woorks" finds nothing.
        await store.SaveAsync(Draft("Kenji Keller works at Stonegate Legal as a site reliability engineer."), Writer, None);
        await store.SaveManyAsync([Draft("Kenji Keller lives in Lisbon."), Draft("Kenji Keller drinks green tea every morning.")], Writer, None);

        // The index holds the stem "work"; "woorks" is two slips from it but one from "works".
        var hits = await store.SearchAsync(new MemorySearchQuery { Text = "Kenji Keller woorks", Viewer = Writer, Mode = RetrievalMode.Lexical, Limit = 3 }, None);

        Assert.Equal("Kenji Keller works at Stonegate Legal as a site reliability engineer.", hits[0].Item.Text);
    }

    /// <summary>Within (bound 2) and, against a Porter stem, ToStem (bound 1), which also drops an ending the stemmer strips.</summary>
    [Theory]
    [InlineData("cardoso", "cardoso", 0, 0)]
    [InlineData("catdoso", "cardoso", 1, 1)]
    [InlineData("psatime", "pastime", 1, 1)]
    [InlineData("indeexr", "index", 2, 2)]
    [InlineData("lizars", "lizard", 1, 1)]
    [InlineData("woorks", "work", 2, 1)]
    [InlineData("staarling", "starl", 3, 1)]
    [InlineData("prxoy", "proxi", 2, 1)]
    [InlineData("pastime", "pastim", 1, 0)]
    [InlineData("abcdef", "uvwxyz", 3, 2)]
    public void Slips_are_counted_with_swaps_as_one_and_against_stems_without_their_endings(string word, string other, int slips, int slipsToStem)
    {
        Assert.Equal(slips, SpellingDistance.Within(word, other, 2));
        Assert.Equal(slipsToStem, SpellingDistance.ToStem(word, other, 1));
    }

    /// <summary>"document" without "ment" is "docu", two slips from the stem "dog": too many for a four-letter word.</summary>
    [Fact]
    public void A_word_without_its_ending_may_hold_only_the_slips_its_own_length_allows()
    {
        Assert.Equal(3, SpellingDistance.ToStem("document", "dog", 2));
        Assert.Equal(1, SpellingDistance.ToStem("staarling", "starl", 2));
        Assert.Equal(1, SpellingDistance.SlipsAllowed("docu"));
        Assert.Equal(2, SpellingDistance.SlipsAllowed("document"));
    }
}
