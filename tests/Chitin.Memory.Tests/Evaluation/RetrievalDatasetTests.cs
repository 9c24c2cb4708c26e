using Chitin.Memory.Evaluation;
using Chitin.Memory.Knowledge;
using Chitin.Memory.Model;

namespace Chitin.Memory.Tests.Evaluation;

public sealed class RetrievalDatasetTests
{
    private static readonly RetrievalDataset Standard = RetrievalDataset.Generate();

    [Fact]
    public void The_standard_dataset_has_5000_facts_and_at_least_200_queries_with_every_kind_well_represented()
    {
        Assert.Equal(5_000, Standard.Facts.Count);
        Assert.True(Standard.Queries.Count >= 200, $"only {Standard.Queries.Count} queries");
        foreach (var kind in Enum.GetValues<RetrievalQueryKind>())
        {
            Assert.True(Standard.Queries.Count(q => q.Kind == kind) >= 50, $"only {Standard.Queries.Count(q => q.Kind == kind)} {kind} queries");
        }

        Assert.Contains("seed7", Standard.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_and_texts_are_unique_and_every_answer_is_a_fact_of_the_dataset()
    {
        Assert.Equal(Standard.Facts.Count, Standard.Facts.Select(f => f.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Standard.Facts.Count, Standard.Facts.Select(f => MemoryText.Normalize(f.Text)).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Standard.Queries.Count, Standard.Queries.Select(q => q.Id).Distinct(StringComparer.Ordinal).Count());
        var ids = Standard.Facts.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        Assert.All(Standard.Queries, q => Assert.All(q.AnswerIds, id => Assert.Contains(id, ids)));
        Assert.All(Standard.Queries, q => Assert.False(string.IsNullOrWhiteSpace(q.Text)));
    }

    [Fact]
    public void The_same_seed_gives_the_same_data_and_another_seed_other_data()
    {
        var again = RetrievalDataset.Generate();
        var other = RetrievalDataset.Generate(seed: 8);

        Assert.Equal(Standard.Name, again.Name);
        Assert.Equal(Standard.Facts, again.Facts);
        Assert.Equal(Standard.Queries.Select(Describe), again.Queries.Select(Describe));
        Assert.NotEqual(Standard.Facts.Select(f => f.Text), other.Facts.Select(f => f.Text));
        Assert.NotEqual(Standard.Queries.Select(q => q.Text), other.Queries.Select(q => q.Text));
    }

    [Fact]
    public void No_two_facts_share_a_derived_subject_so_none_would_supersede_another()
    {
        var repeated = Standard.Facts
            .Select(f => (f.Id, Subject: SubjectExtractor.Extract(f.Text)))
            .Where(f => f.Subject is not null)
            .GroupBy(f => f.Subject, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(f => f.Id))}")
            .ToList();

        Assert.Empty(repeated);
    }

    [Fact]
    public void Paraphrases_share_far_fewer_words_with_their_answer_than_keyword_queries()
    {
        double MeanOverlap(RetrievalQueryKind kind) => Standard.Queries.Where(q => q.Kind == kind).Average(Standard.WordOverlap);

        Assert.Equal(1.0, MeanOverlap(RetrievalQueryKind.Keyword), 3);
        Assert.True(MeanOverlap(RetrievalQueryKind.Paraphrase) < 0.6, $"paraphrase overlap {MeanOverlap(RetrievalQueryKind.Paraphrase):0.00}");
        Assert.Contains(Standard.Queries, q => q.Kind == RetrievalQueryKind.Paraphrase && Standard.WordOverlap(q) == 0);
        var typos = Standard.Queries.Where(q => q.Kind == RetrievalQueryKind.Typo).ToList();
        Assert.True(typos.Count(q => Standard.WordOverlap(q) < 1) >= typos.Count * 9 / 10, "most typo queries must misspell a word of the answer");
    }

    [Fact]
    public void The_facts_span_people_projects_and_the_user_in_every_layer_but_working_with_distractors_among_them()
    {
        var topics = Standard.Facts.Select(f => f.Topic).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("editor", topics);
        Assert.Contains("test-command", topics);
        Assert.Contains("user-shell", topics);
        Assert.True(Standard.Facts.Count(f => f.Topic.StartsWith("distractor-", StringComparison.Ordinal)) > 300);
        Assert.Equal(
            [MemoryLayer.Episodic, MemoryLayer.Semantic, MemoryLayer.Procedural],
            Standard.Facts.Select(f => f.Layer).Distinct().Order());
    }

    [Fact]
    public void A_hand_made_dataset_with_a_repeated_id_an_unknown_answer_or_a_repeated_text_is_refused_clearly()
    {
        RetrievalFact[] facts = [new("a", "Alpha runs on Hetzner.", MemoryLayer.Semantic, "t"), new("b", "Bravo runs on Azure.", MemoryLayer.Semantic, "t")];

        var repeatedId = Assert.Throws<ArgumentException>(() => new RetrievalDataset("x", [.. facts, facts[0] with { Text = "Other." }], []));
        var unknown = Assert.Throws<ArgumentException>(() => new RetrievalDataset("x", facts, [new("q1", "alpha", RetrievalQueryKind.Keyword, ["c"])]));
        var noAnswer = Assert.Throws<ArgumentException>(() => new RetrievalDataset("x", facts, [new("q1", "alpha", RetrievalQueryKind.Keyword, [])]));
        var sameText = Assert.Throws<ArgumentException>(() => new RetrievalDataset("x", [.. facts, new("c", "alpha runs on hetzner", MemoryLayer.Semantic, "t")], []));

        Assert.Contains("'a' appears twice", repeatedId.Message, StringComparison.Ordinal);
        Assert.Contains("'c'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("no answer", noAnswer.Message, StringComparison.Ordinal);
        Assert.Contains("same text", sameText.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generating_too_few_facts_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetrievalDataset.Generate(factCount: 10));
    }

    private static string Describe(RetrievalQuery query) => $"{query.Id}|{query.Kind}|{query.Text}|{string.Join(',', query.AnswerIds)}";
}
