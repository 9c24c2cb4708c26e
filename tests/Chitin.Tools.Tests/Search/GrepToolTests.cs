using System.Diagnostics;
using Chitin.Tools.Search;
using Chitin.Tools.Tests.Support;

namespace Chitin.Tools.Tests.Search;

public sealed class GrepToolTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly GrepTool _tool = new();

    public GrepToolTests() => SearchTree.Create(_workspace);

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Prints_path_line_text_honouring_gitignore_and_skipping_binary_files_and_dot_git()
    {
        var result = await _workspace.InvokeAsync(_tool, """{"pattern":"TODO"}""");

        Assert.False(result.IsError, result.Text);
        Assert.Equal(
            """
            README.md:2:TODO: write docs
            --
            important.log:1:TODO kept by negation
            --
            src/a.cs:3:    // TODO: first
            --
            src/keep.g.cs:1:// TODO re-included generated file
            """.ReplaceLineEndings("\n"),
            result.Text);
        var data = result.Data!.Value;
        Assert.Equal(4, data.GetProperty("matches").GetInt64());
        Assert.Equal(1, data.GetProperty("skipped_binary").GetInt32());
    }

    [Fact]
    public async Task Ignore_case_glob_and_path_narrow_the_search()
    {
        var result = await _workspace.InvokeAsync(_tool, """{"pattern":"todo:","ignore_case":true,"glob":"*.cs","path":"src"}""");

        Assert.Equal("src/a.cs:3:    // TODO: first\n--\nsrc/sub/c.cs:3:    // todo: lower case", result.Text);
    }

    [Fact]
    public async Task Context_lines_use_dashes_and_separators()
    {
        var result = await _workspace.InvokeAsync(_tool, """{"pattern":"TODO","path":"src/a.cs","context":1}""");

        Assert.Equal("src/a.cs-2-{\nsrc/a.cs:3:    // TODO: first\nsrc/a.cs-4-}", result.Text);
    }

    [Fact]
    public async Task Files_and_count_modes_list_files()
    {
        var files = await _workspace.InvokeAsync(_tool, """{"pattern":"class","output_mode":"files"}""");
        var counts = await _workspace.InvokeAsync(_tool, """{"pattern":"[{}]","output_mode":"count","path":"src"}""");

        Assert.Equal("src/a.cs\nsrc/b.cs\nsrc/sub/c.cs", files.Text);
        Assert.Equal("src/a.cs:2\nsrc/b.cs:1\nsrc/sub/c.cs:2", counts.Text);
    }

    [Fact]
    public async Task Results_are_capped_with_a_count_of_what_was_left_out()
    {
        _workspace.Write("many.txt", string.Concat(Enumerable.Range(1, 50).Select(i => $"hit {i}\n")));
        var tool = new GrepTool(new BuiltInToolOptions { SearchMaxResults = 10 });

        var result = await _workspace.InvokeAsync(tool, """{"pattern":"^hit","path":"many.txt"}""");

        var lines = result.Text.Split('\n');
        Assert.Equal(11, lines.Length);
        Assert.Equal("many.txt:10:hit 10", lines[9]);
        Assert.Equal("[... 40 more matching lines not shown (limit 10); narrow the pattern, path or glob]", lines[10]);
        Assert.Equal(50, result.Data!.Value.GetProperty("matches").GetInt64());
        Assert.Equal(40, result.Data!.Value.GetProperty("omitted").GetInt64());
    }

    [Fact]
    public async Task No_matches_says_what_was_searched()
    {
        var result = await _workspace.InvokeAsync(_tool, """{"pattern":"zebra"}""");

        Assert.False(result.IsError);
        Assert.StartsWith("No matches for /zebra/ in '.' (", result.Text, StringComparison.Ordinal);
        Assert.Contains("1 binary files skipped", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_lines_are_shown_as_an_excerpt_around_the_match()
    {
        _workspace.Write("min.js", new string('a', 5000) + "NEEDLE" + new string('b', 5000) + "\n");

        var result = await _workspace.InvokeAsync(_tool, """{"pattern":"NEEDLE","path":"min.js"}""");

        Assert.Contains("NEEDLE", result.Text, StringComparison.Ordinal);
        Assert.StartsWith("min.js:1:…", result.Text, StringComparison.Ordinal);
        Assert.True(result.Text.Length < 500, $"{result.Text.Length} chars");
    }

    [Fact]
    public async Task A_catastrophic_pattern_that_needs_backtracking_times_out_with_advice()
    {
        _workspace.Write("evil.txt", new string('a', 40) + "!\n");
        var tool = new GrepTool(new BuiltInToolOptions { GrepRegexTimeout = TimeSpan.FromMilliseconds(200) });

        // The lookahead forces the backtracking engine; (a+)+ then explodes on a line of a's that does not end in b.
        var clock = Stopwatch.StartNew();
        var result = await _workspace.InvokeAsync(tool, """{"pattern":"^(a+)+(?=b)","path":"evil.txt"}""");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30));
        Assert.True(result.IsError);
        Assert.Contains("took longer than 0.2 s on one line of 'evil.txt' (catastrophic backtracking)", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nested_quantifiers_without_lookarounds_run_in_linear_time()
    {
        _workspace.Write("evil.txt", new string('a', 5000) + "!\n");
        var tool = new GrepTool(new BuiltInToolOptions { GrepRegexTimeout = TimeSpan.FromMilliseconds(200) });

        var result = await _workspace.InvokeAsync(tool, """{"pattern":"^(a+)+b$","path":"evil.txt"}""");

        Assert.False(result.IsError, result.Text);
        Assert.StartsWith("No matches", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fifos_are_skipped_instead_of_blocking()
    {
        TempWorkspace.Run("mkfifo", _workspace.PathOf("src/pipe"));

        var result = await _workspace.InvokeAsync(_tool, """{"pattern":"TODO","path":"src"}""").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(result.IsError, result.Text);
        Assert.Contains("src/a.cs:3:", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Symbolic_links_to_files_outside_the_workspace_are_not_read()
    {
        File.WriteAllText(Path.Combine(_workspace.Outside, "secret.txt"), "TODO secret\n");
        File.CreateSymbolicLink(_workspace.PathOf("src/leak.txt"), Path.Combine(_workspace.Outside, "secret.txt"));

        var result = await _workspace.InvokeAsync(_tool, """{"pattern":"secret"}""");

        Assert.DoesNotContain("TODO secret", result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"pattern":"("}""", "Invalid regular expression '('")]
    [InlineData("""{"pattern":"x","output_mode":"lines"}""", "'output_mode' must be one of \"content\", \"files\", \"count\"")]
    [InlineData("""{"pattern":"x","path":"../outside"}""", "escapes the workspace")]
    [InlineData("""{"pattern":"x","path":"missing"}""", "Not found: 'missing'")]
    public async Task Bad_requests_get_clear_errors(string json, string problem)
    {
        var result = await _workspace.InvokeAsync(_tool, json);

        Assert.True(result.IsError);
        Assert.Contains(problem, result.Text, StringComparison.Ordinal);
    }
}
