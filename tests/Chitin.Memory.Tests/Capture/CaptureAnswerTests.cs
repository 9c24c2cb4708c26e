using Chitin.Memory.Capture;
using Chitin.Memory.Model;

namespace Chitin.Memory.Tests.Capture;

public sealed class CaptureAnswerTests
{
    [Fact]
    public void A_valid_answer_gives_every_fact_with_its_layer_scope_subject_and_tags()
    {
        const string answer = """
            {"facts":[
              {"text":"The user prefers tabs.","layer":"semantic","scope":"user","subject":"user.indentation","tags":["style","style"]},
              {"text":"Tests run with `make check`.","layer":"procedural","scope":"project","message":4}
            ]}
            """;

        Assert.True(CaptureAnswer.TryParse(answer, out var facts, out _));

        Assert.Equal(2, facts.Count);
        Assert.Equal("The user prefers tabs.", facts[0].Text);
        Assert.Equal(MemoryLayer.Semantic, facts[0].Layer);
        Assert.Equal(MemoryScope.User, facts[0].Scope);
        Assert.Equal("user.indentation", facts[0].Subject);
        Assert.Equal(["style"], facts[0].Tags);
        Assert.Null(facts[0].Message);
        Assert.Equal(MemoryLayer.Procedural, facts[1].Layer);
        Assert.Equal(MemoryScope.Project, facts[1].Scope);
        Assert.Equal(4, facts[1].Message);
    }

    [Fact]
    public void An_answer_wrapped_in_a_code_fence_is_read()
    {
        Assert.True(CaptureAnswer.TryParse("```json\n{\"facts\":[{\"text\":\"x is y\",\"layer\":\"semantic\",\"scope\":\"user\"}]}\n```", out var facts, out _));
        Assert.Equal("x is y", Assert.Single(facts).Text);
    }

    [Fact]
    public void An_empty_list_is_a_valid_answer()
    {
        Assert.True(CaptureAnswer.TryParse("""{"facts":[]}""", out var facts, out _));
        Assert.Empty(facts);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("Sure! Here are the facts: the user likes tea.", "not valid JSON")]
    [InlineData("""{"facts":[{"text":"a","layer":"semantic","scope":"user"}""", "not valid JSON")]
    [InlineData("""{"items":[]}""", "no \"facts\" array")]
    [InlineData("""{"facts":"the user likes tea"}""", "not valid JSON")]
    [InlineData("""{"facts":[{"text":"","layer":"semantic","scope":"user"}]}""", "facts[0] has no \"text\"")]
    [InlineData("""{"facts":[{"text":"a","layer":"working","scope":"user"}]}""", "facts[0] has layer \"working\"")]
    [InlineData("""{"facts":[{"text":"a","layer":"semantic","scope":"session"}]}""", "facts[0] has scope \"session\"")]
    [InlineData("""{"facts":[{"text":"a","layer":"semantic","scope":"user","tags":[""]}]}""", "facts[0] has an empty tag")]
    [InlineData("""{"facts":[{"text":42,"layer":"semantic","scope":"user"}]}""", "not valid JSON")]
    public void An_invalid_answer_is_rejected_with_the_reason(string answer, string reason)
    {
        Assert.False(CaptureAnswer.TryParse(answer, out var facts, out var problem));
        Assert.Null(facts);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void One_bad_fact_rejects_the_whole_answer_so_nothing_is_stored_in_part()
    {
        const string answer = """{"facts":[{"text":"good","layer":"semantic","scope":"user"},{"text":"bad","layer":"nonsense","scope":"user"}]}""";

        Assert.False(CaptureAnswer.TryParse(answer, out var facts, out var problem));

        Assert.Null(facts);
        Assert.StartsWith("facts[1]", problem, StringComparison.Ordinal);
    }
}
