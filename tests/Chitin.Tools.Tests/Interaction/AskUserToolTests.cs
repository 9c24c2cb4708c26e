using Chitin.Tools.Interaction;
using Chitin.Tools.Tests.Support;

namespace Chitin.Tools.Tests.Interaction;

public sealed class AskUserToolTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Without_a_prompter_the_model_is_told_to_decide_itself()
    {
        var result = await _workspace.InvokeAsync(new AskUserTool(prompter: null), """{"question":"Tabs or spaces?"}""");

        Assert.True(result.IsError);
        Assert.Equal("no user is available to answer; decide yourself and state your assumption", result.Text);
    }

    [Fact]
    public async Task The_question_and_cleaned_options_reach_the_user_and_the_answer_comes_back()
    {
        var prompter = new ScriptedPrompter("spaces");

        var result = await _workspace.InvokeAsync(new AskUserTool(prompter), """{"question":" Tabs or spaces? ","options":["tabs"," spaces","","tabs"]}""");

        Assert.False(result.IsError, result.Text);
        Assert.Equal("The user answered: spaces", result.Text);
        var question = Assert.Single(prompter.Questions);
        Assert.Equal("Tabs or spaces?", question.Question);
        Assert.Equal(["tabs", "spaces"], question.Options);
        Assert.Equal("session-1", question.SessionId);
        Assert.Equal("spaces", result.Data!.Value.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task A_declined_question_asks_the_model_to_decide()
    {
        var result = await _workspace.InvokeAsync(new AskUserTool(new ScriptedPrompter(null)), """{"question":"Deploy now?"}""");

        Assert.False(result.IsError);
        Assert.Equal("The user gave no answer; decide yourself and state your assumption.", result.Text);
    }

    [Theory]
    [InlineData("{}", "'question' is required")]
    [InlineData("""{"question":"Q","options":"a,b"}""", "'options' must be an array")]
    [InlineData("""{"question":"Q","options":["a",1]}""", "'options[1]' must be a string, got number 1")]
    public async Task Bad_arguments_are_explained_before_bothering_the_user(string json, string problem)
    {
        var prompter = new ScriptedPrompter("x");

        var result = await _workspace.InvokeAsync(new AskUserTool(prompter), json);

        Assert.True(result.IsError);
        Assert.Contains(problem, result.Text, StringComparison.Ordinal);
        Assert.Empty(prompter.Questions);
    }
}
