using System.Text.Json;
using Chitin.Tools.Planning;
using Chitin.Tools.Tests.Support;

namespace Chitin.Tools.Tests.Planning;

public sealed class TodoToolTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly TodoTool _tool = new();

    public void Dispose() => _workspace.Dispose();

    private string TodoFile => Path.Combine(_workspace.Context.ArtifactsDirectory, TodoTool.FileName);

    [Fact]
    public async Task Replaces_the_plan_renders_it_and_saves_it_as_json()
    {
        var result = await _workspace.InvokeAsync(_tool, """
            {"todos":[{"content":"Write tests","status":"completed"},{"content":"Implement edit_file","status":"in_progress"},{"content":"Update docs","status":"pending"}]}
            """);

        Assert.False(result.IsError, result.Text);
        Assert.Equal("Plan: 1 of 3 done\n[x] Write tests\n[>] Implement edit_file\n[ ] Update docs", result.Text);
        using var saved = JsonDocument.Parse(File.ReadAllText(TodoFile));
        Assert.Equal(3, saved.RootElement.GetProperty("todos").GetArrayLength());
        Assert.Equal("in_progress", saved.RootElement.GetProperty("todos")[1].GetProperty("status").GetString());
        Assert.Equal(1, saved.RootElement.GetProperty("in_progress").GetInt32());
        Assert.Equal(3, _tool.PlanOf("session-1").Count);
    }

    [Fact]
    public async Task Each_call_replaces_the_whole_plan_and_sessions_are_separate()
    {
        await _workspace.InvokeAsync(_tool, """{"todos":[{"content":"A","status":"pending"},{"content":"B","status":"pending"}]}""");
        var replaced = await _workspace.InvokeAsync(_tool, """{"todos":[{"content":"C","status":"in_progress"}]}""");

        Assert.Equal("Plan: 0 of 1 done\n[>] C", replaced.Text);
        Assert.Equal(["C"], _tool.PlanOf("session-1").Select(todo => todo.Content));
        Assert.Empty(_tool.PlanOf("session-2"));
    }

    [Fact]
    public async Task An_empty_list_clears_the_plan()
    {
        var result = await _workspace.InvokeAsync(_tool, """{"todos":[]}""");

        Assert.Equal("Plan cleared.", result.Text);
        Assert.Empty(_tool.PlanOf("session-1"));
    }

    [Fact]
    public async Task Two_items_in_progress_are_refused_and_the_plan_is_kept()
    {
        await _workspace.InvokeAsync(_tool, """{"todos":[{"content":"Keep me","status":"pending"}]}""");

        var result = await _workspace.InvokeAsync(_tool, """{"todos":[{"content":"A","status":"in_progress"},{"content":"B","status":"in_progress"}]}""");

        Assert.True(result.IsError);
        Assert.Contains("at most one todo may be in_progress, got 2 (\"A\", \"B\")", result.Text, StringComparison.Ordinal);
        Assert.Equal(["Keep me"], _tool.PlanOf("session-1").Select(todo => todo.Content));
        Assert.Contains("Keep me", File.ReadAllText(TodoFile), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"todos":[{"content":"A","status":"done"}]}""", "'todos[0].status' must be one of \"pending\", \"in_progress\", \"completed\", got \"done\"")]
    [InlineData("""{"todos":[{"content":" ","status":"pending"}]}""", "'todos[0].content' must not be empty")]
    [InlineData("""{"todos":[{"status":"pending"}]}""", "'todos[0].content' is required")]
    [InlineData("""{"todos":"write tests"}""", "'todos' must be an array")]
    [InlineData("{}", "'todos' is required")]
    public async Task Invalid_plans_are_explained(string json, string problem)
    {
        var result = await _workspace.InvokeAsync(_tool, json);

        Assert.True(result.IsError);
        Assert.Contains(problem, result.Text, StringComparison.Ordinal);
        Assert.EndsWith("Expected {todos: [{content: string, status: \"pending\"|\"in_progress\"|\"completed\"}]}.", result.Text, StringComparison.Ordinal);
        Assert.False(File.Exists(TodoFile));
    }

    [Fact]
    public async Task An_unwritable_artifact_folder_keeps_the_plan_in_memory_and_says_so()
    {
        File.WriteAllText(Path.Combine(_workspace.Base, "blocker"), "a file where a folder should be");
        _workspace.Context = _workspace.Context with { ArtifactsDirectory = Path.Combine(_workspace.Base, "blocker", "artifacts") };

        var result = await _workspace.InvokeAsync(_tool, """{"todos":[{"content":"A","status":"pending"}]}""");

        Assert.False(result.IsError);
        Assert.Contains("could not be saved to todo.json", result.Text, StringComparison.Ordinal);
        Assert.Single(_tool.PlanOf("session-1"));
    }
}
