using System.Text.Json;
using Chitin.Core.Tools;
using Chitin.Tools.Files;
using Chitin.Tools.Shell;
using Chitin.Tools.Tests.Support;

namespace Chitin.Tools.Tests.Arguments;

public sealed class ArgumentValidationTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private async Task<ToolResult> ErrorFor(ITool tool, string json)
    {
        var result = await _workspace.InvokeAsync(tool, json);
        Assert.True(result.IsError, $"expected an error for {json}, got: {result.Text}");
        return result;
    }

    [Theory]
    [InlineData("""{"path":5}""", "'path' must be a string, got number 5")]
    [InlineData("""{"path":"a.txt","limit":"ten"}""", "'limit' must be an integer, got string \"ten\"")]
    [InlineData("""{"path":"a.txt","offset":1.5}""", "'offset' must be an integer, got number 1.5")]
    [InlineData("""{"path":"a.txt","offset":0}""", "'offset' must be at least 1, got 0")]
    [InlineData("{}", "'path' is required")]
    [InlineData("""{"path":null}""", "'path' is required")]
    [InlineData("""{"path":"  "}""", "'path' must not be empty")]
    [InlineData("[]", "arguments must be a JSON object, got an array")]
    public async Task Read_file_explains_bad_arguments_and_repeats_the_schema(string json, string problem)
    {
        var result = await ErrorFor(new ReadFileTool(), json);

        Assert.StartsWith("Invalid arguments for read_file: ", result.Text, StringComparison.Ordinal);
        Assert.Contains(problem, result.Text, StringComparison.Ordinal);
        Assert.EndsWith("Expected {path: string, offset?: integer>=1, limit?: integer>=1}.", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_problem_is_listed_in_one_error()
    {
        var result = await ErrorFor(new ReadFileTool(), """{"path":[1],"offset":"x","limit":-2}""");

        Assert.Contains("'path' must be a string, got an array", result.Text, StringComparison.Ordinal);
        Assert.Contains("'offset' must be an integer", result.Text, StringComparison.Ordinal);
        Assert.Contains("'limit' must be at least 1, got -2", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_fields_are_ignored_and_numeric_strings_accepted()
    {
        _workspace.Write("a.txt", "1\n2\n3\n");

        var result = await _workspace.InvokeAsync(new ReadFileTool(), """{"path":"a.txt","limit":"2","offset":2.0,"mode":"fast"}""");

        Assert.False(result.IsError, result.Text);
        Assert.StartsWith("    2\t2\n    3\t3", result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"path":"a.txt"}""", "'content' is required")]
    [InlineData("""{"path":"a.txt","content":5}""", "'content' must be a string, got number 5")]
    [InlineData("""{"path":true,"content":"x"}""", "'path' must be a string, got boolean true")]
    [InlineData("""{"content":"x"}""", "'path' is required")]
    public async Task Write_file_explains_bad_arguments_and_writes_nothing(string json, string problem)
    {
        var result = await ErrorFor(new WriteFileTool(), json);

        Assert.Contains(problem, result.Text, StringComparison.Ordinal);
        Assert.EndsWith("Expected {path: string, content: string}.", result.Text, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_workspace.Root));
    }

    [Theory]
    [InlineData("""{"depth":"deep"}""", "'depth' must be an integer, got string \"deep\"")]
    [InlineData("""{"path":{}}""", "'path' must be a string, got an object")]
    [InlineData("""{"depth":0}""", "'depth' must be at least 1, got 0")]
    public async Task List_dir_explains_bad_arguments(string json, string problem)
    {
        var result = await ErrorFor(new ListDirTool(), json);

        Assert.Contains(problem, result.Text, StringComparison.Ordinal);
        Assert.EndsWith("Expected {path?: string, depth?: integer>=1}.", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_dir_accepts_missing_or_null_arguments()
    {
        _workspace.Write("a.txt", "x");

        var undefined = await _workspace.InvokeAsync(new ListDirTool(), default(JsonElement));
        var nulls = await _workspace.InvokeAsync(new ListDirTool(), """{"path":null,"depth":null}""");

        Assert.Equal("./\na.txt  1 B", undefined.Text);
        Assert.Equal("./\na.txt  1 B", nulls.Text);
    }

    [Theory]
    [InlineData("""{"command":5}""", "'command' must be a string, got number 5")]
    [InlineData("""{"command":""}""", "'command' must not be empty")]
    [InlineData("""{"command":"echo hi","timeout_s":"soon"}""", "'timeout_s' must be an integer, got string \"soon\"")]
    [InlineData("""{"cmd":"echo hi"}""", "'command' is required")]
    public async Task Run_shell_explains_bad_arguments(string json, string problem)
    {
        using var tool = new RunShellTool();
        var result = await ErrorFor(tool, json);

        Assert.Contains(problem, result.Text, StringComparison.Ordinal);
        Assert.EndsWith("Expected {command: string, timeout_s?: integer>=1, background?: boolean}.", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_wrong_values_are_quoted_briefly()
    {
        var result = await ErrorFor(new ReadFileTool(), $$"""{"path":"a","limit":"{{new string('9', 200)}}x"}""");

        Assert.Contains("…", result.Text, StringComparison.Ordinal);
        Assert.True(result.Text.Length < 300);
    }
}
