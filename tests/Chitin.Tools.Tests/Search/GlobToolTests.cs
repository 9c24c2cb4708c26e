using Chitin.Tools.Search;
using Chitin.Tools.Tests.Support;

namespace Chitin.Tools.Tests.Search;

public sealed class GlobToolTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly GlobTool _tool = new();

    public GlobToolTests() => SearchTree.Create(_workspace);

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Finds_files_newest_first_honouring_root_and_nested_gitignore_and_skipping_dot_git()
    {
        SearchTree.Age(_workspace, "src/sub/c.cs", "src/keep.g.cs", "src/a.cs", "src/b.cs");

        var result = await _workspace.InvokeAsync(_tool, """{"pattern":"**/*.cs"}""");

        Assert.False(result.IsError, result.Text);
        Assert.Equal("src/b.cs\nsrc/a.cs\nsrc/keep.g.cs\nsrc/sub/c.cs", result.Text);
        Assert.Equal(4, result.Data!.Value.GetProperty("files").GetInt32());
        Assert.Equal(0, result.Data!.Value.GetProperty("omitted").GetInt32());
    }

    [Fact]
    public async Task Negation_re_includes_a_file_the_root_rule_ignores()
    {
        var result = await _workspace.InvokeAsync(_tool, """{"pattern":"**/*.{md,log}"}""");

        Assert.Equal(["README.md", "important.log"], result.Text.Split('\n').Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_subfolder_search_still_honours_the_root_gitignore()
    {
        var result = await _workspace.InvokeAsync(_tool, """{"pattern":"*","path":"src"}""");

        Assert.Equal(["src/.gitignore", "src/a.cs", "src/b.cs", "src/blob.bin", "src/keep.g.cs"], result.Text.Split('\n').Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_repository_exclude_file_is_honoured_too()
    {
        _workspace.Write(".git/info/exclude", "README.md\n");

        var result = await _workspace.InvokeAsync(_tool, """{"pattern":"*.md"}""");

        Assert.StartsWith("No files match", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_top_level_pattern_without_matches_suggests_double_star()
    {
        var result = await _workspace.InvokeAsync(_tool, """{"pattern":"*.cs"}""");

        Assert.False(result.IsError);
        Assert.Contains("No files match '*.cs' in '.'", result.Text, StringComparison.Ordinal);
        Assert.Contains("use '**/*.cs' to include subfolders", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_is_capped_with_a_count_of_the_rest()
    {
        var tool = new GlobTool(new BuiltInToolOptions { SearchMaxResults = 2 });

        var result = await _workspace.InvokeAsync(tool, """{"pattern":"**/*.cs"}""");

        var lines = result.Text.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("... 2 more files not shown (limit 2); use a narrower pattern or path.", lines[2]);
        Assert.Equal(2, result.Data!.Value.GetProperty("omitted").GetInt32());
    }

    [Fact]
    public async Task Linked_folders_are_not_followed_so_a_loop_cannot_hang_the_walk()
    {
        Directory.CreateSymbolicLink(_workspace.PathOf("src/loop"), _workspace.Root);

        var result = await _workspace.InvokeAsync(_tool, """{"pattern":"**/*.cs"}""");

        Assert.DoesNotContain("loop", result.Text, StringComparison.Ordinal);
        Assert.Equal(4, result.Data!.Value.GetProperty("files").GetInt32());
    }

    [Theory]
    [InlineData("""{"pattern":"../outside/*"}""", "must be relative to 'path' and stay inside it")]
    [InlineData("""{"pattern":"/etc/*"}""", "must be relative to 'path'")]
    [InlineData("""{"pattern":"*","path":"../outside"}""", "escapes the workspace")]
    [InlineData("""{"pattern":"*","path":"README.md"}""", "is a file, not a folder")]
    [InlineData("""{"pattern":"*","path":"nowhere"}""", "Folder not found: 'nowhere'")]
    [InlineData("""{"path":"src"}""", "'pattern' is required")]
    public async Task Bad_requests_get_clear_errors(string json, string problem)
    {
        var result = await _workspace.InvokeAsync(_tool, json);

        Assert.True(result.IsError);
        Assert.Contains(problem, result.Text, StringComparison.Ordinal);
    }
}
