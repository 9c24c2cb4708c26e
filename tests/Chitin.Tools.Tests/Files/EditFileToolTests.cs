using System.Text;
using System.Text.Json;
using Chitin.Tools.Files;
using Chitin.Tools.Tests.Support;

namespace Chitin.Tools.Tests.Files;

public sealed class EditFileToolTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly EditFileTool _tool = new();

    public void Dispose() => _workspace.Dispose();

    private static string Edits(string path, params (string Old, string New, bool ReplaceAll)[] edits) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["path"] = path,
            ["edits"] = edits.Select(edit => new Dictionary<string, object> { ["old"] = edit.Old, ["new"] = edit.New, ["replace_all"] = edit.ReplaceAll }).ToArray(),
        });

    private string Read(string relative) => File.ReadAllText(_workspace.PathOf(relative));

    [Fact]
    public async Task Replaces_a_unique_text_and_returns_a_unified_diff_with_counts()
    {
        _workspace.Write("app.py", "def main():\n    print('hello')\n    return 0\n");

        var result = await _workspace.InvokeAsync(_tool, Edits("app.py", ("print('hello')", "print('goodbye')", false)));

        Assert.False(result.IsError, result.Text);
        Assert.Equal("def main():\n    print('goodbye')\n    return 0\n", Read("app.py"));
        Assert.Equal(
            """
            Edited 'app.py': 1 replacement, +1 -1 lines.
            --- a/app.py
            +++ b/app.py
            @@ -1,3 +1,3 @@
             def main():
            -    print('hello')
            +    print('goodbye')
                 return 0
            """.ReplaceLineEndings("\n"),
            result.Text);
        var data = result.Data!.Value;
        Assert.Equal(1, data.GetProperty("replacements").GetInt32());
        Assert.Equal(1, data.GetProperty("lines_added").GetInt32());
        Assert.Equal(1, data.GetProperty("lines_removed").GetInt32());
        Assert.False(data.GetProperty("created").GetBoolean());
    }

    [Fact]
    public async Task A_text_that_occurs_twice_is_refused_with_its_line_numbers_and_nothing_changes()
    {
        const string original = "x = 1\ny = 2\nx = 1\n";
        _workspace.Write("a.txt", original);

        var result = await _workspace.InvokeAsync(_tool, Edits("a.txt", ("x = 1", "x = 9", false)));

        Assert.True(result.IsError);
        Assert.Contains("occurs 2 times (lines 1, 3)", result.Text, StringComparison.Ordinal);
        Assert.Contains("replace_all", result.Text, StringComparison.Ordinal);
        Assert.Equal(original, Read("a.txt"));
    }

    [Fact]
    public async Task Replace_all_changes_every_occurrence()
    {
        _workspace.Write("a.txt", "x = 1\ny = 2\nx = 1\n");

        var result = await _workspace.InvokeAsync(_tool, Edits("a.txt", ("x = 1", "x = 9", true)));

        Assert.False(result.IsError, result.Text);
        Assert.Equal("x = 9\ny = 2\nx = 9\n", Read("a.txt"));
        Assert.Equal(2, result.Data!.Value.GetProperty("replacements").GetInt32());
    }

    [Fact]
    public async Task A_missing_text_quotes_the_line_that_differs_only_in_whitespace()
    {
        _workspace.Write("a.cs", "class A\n{\n    void  Run( int x )\n    {\n    }\n}\n");

        var result = await _workspace.InvokeAsync(_tool, Edits("a.cs", ("void Run( int x )", "void Go()", false)));

        Assert.True(result.IsError);
        Assert.Contains("'old' was not found (the file has 6 lines)", result.Text, StringComparison.Ordinal);
        Assert.Contains("Line 3 matches except for whitespace: `    void  Run( int x )`", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_block_whose_first_line_exists_points_at_that_line()
    {
        _workspace.Write("a.txt", "one\ntwo\nthree\n");

        var result = await _workspace.InvokeAsync(_tool, Edits("a.txt", ("two\nTHREE", "2\n3", false)));

        Assert.True(result.IsError);
        Assert.Contains("Its first line matches line 2, but the lines after it differ", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_text_with_no_resemblance_says_so()
    {
        _workspace.Write("a.txt", "one\ntwo\n");

        var result = await _workspace.InvokeAsync(_tool, Edits("a.txt", ("zebra", "horse", false)));

        Assert.True(result.IsError);
        Assert.Contains("No line resembles its first line", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edits_are_all_or_nothing_when_a_later_edit_fails()
    {
        const string original = "alpha\nbeta\ngamma\n";
        _workspace.Write("a.txt", original);

        var result = await _workspace.InvokeAsync(_tool, Edits("a.txt", ("alpha", "ALPHA", false), ("missing", "x", false)));

        Assert.True(result.IsError);
        Assert.StartsWith("No edit was applied to 'a.txt': edits[1]: 'old' was not found (after the earlier edits,", result.Text, StringComparison.Ordinal);
        Assert.Equal(original, Read("a.txt"));
        Assert.Equal(["a.txt"], Directory.GetFileSystemEntries(_workspace.Root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Several_edits_apply_in_order_and_later_ones_see_earlier_results()
    {
        _workspace.Write("a.txt", "alpha\nbeta\n");

        var result = await _workspace.InvokeAsync(_tool, Edits("a.txt", ("alpha", "ALPHA", false), ("ALPHA\nbeta", "ALPHA\nBETA", false)));

        Assert.False(result.IsError, result.Text);
        Assert.Equal("ALPHA\nBETA\n", Read("a.txt"));
        Assert.Equal(2, result.Data!.Value.GetProperty("edits").GetInt32());
    }

    [Fact]
    public async Task An_empty_old_text_creates_a_missing_file_with_its_folders()
    {
        var result = await _workspace.InvokeAsync(_tool, Edits("new/dir/b.txt", ("", "first\nsecond\n", false)));

        Assert.False(result.IsError, result.Text);
        Assert.Equal("first\nsecond\n", Read("new/dir/b.txt"));
        Assert.StartsWith("Created 'new/dir/b.txt': 1 replacement, +2 -0 lines.\n--- /dev/null\n+++ b/new/dir/b.txt\n@@ -0,0 +1,2 @@\n+first\n+second", result.Text, StringComparison.Ordinal);
        Assert.True(result.Data!.Value.GetProperty("created").GetBoolean());
    }

    [Fact]
    public async Task An_empty_old_text_on_an_existing_file_is_refused()
    {
        _workspace.Write("a.txt", "content\n");

        var result = await _workspace.InvokeAsync(_tool, Edits("a.txt", ("", "other", false)));

        Assert.True(result.IsError);
        Assert.Contains("already exists (1 line)", result.Text, StringComparison.Ordinal);
        Assert.Equal("content\n", Read("a.txt"));
    }

    [Fact]
    public async Task A_missing_file_with_a_real_old_text_explains_how_to_create_it()
    {
        var result = await _workspace.InvokeAsync(_tool, Edits("nope.txt", ("a", "b", false)));

        Assert.True(result.IsError);
        Assert.Contains("File not found: 'nope.txt'. To create it, send one edit with old \"\"", result.Text, StringComparison.Ordinal);
        Assert.False(File.Exists(_workspace.PathOf("nope.txt")));
    }

    [Fact]
    public async Task Identical_old_and_new_is_refused()
    {
        _workspace.Write("a.txt", "same\n");

        var result = await _workspace.InvokeAsync(_tool, Edits("a.txt", ("same", "same", false)));

        Assert.True(result.IsError);
        Assert.Contains("identical", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crlf_files_match_lf_edits_and_keep_their_line_endings()
    {
        _workspace.Write("win.txt", "one\r\ntwo\r\nthree\r\n");

        var result = await _workspace.InvokeAsync(_tool, Edits("win.txt", ("one\ntwo", "one\n2", false)));

        Assert.False(result.IsError, result.Text);
        Assert.Equal("one\r\n2\r\nthree\r\n", Read("win.txt"));
    }

    [Fact]
    public async Task A_byte_order_mark_and_file_permissions_are_kept()
    {
        var path = _workspace.WriteBytes("bom.txt", [.. Encoding.UTF8.Preamble, .. "hello\n"u8.ToArray()]);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var result = await _workspace.InvokeAsync(_tool, Edits("bom.txt", ("hello", "bye", false)));

        Assert.False(result.IsError, result.Text);
        Assert.Equal([.. Encoding.UTF8.Preamble, .. "bye\n"u8.ToArray()], File.ReadAllBytes(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task A_missing_final_newline_shows_in_the_diff()
    {
        _workspace.Write("a.txt", "x\ny");

        var result = await _workspace.InvokeAsync(_tool, Edits("a.txt", ("y", "z", false)));

        Assert.EndsWith("@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+z\n\\ No newline at end of file", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_and_non_utf8_files_are_refused_untouched()
    {
        var binary = _workspace.WriteBytes("img.png", [0x89, (byte)'P', (byte)'N', (byte)'G', 0, 1, 2, 3]);
        var latin1 = _workspace.WriteBytes("latin1.txt", [(byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)'\n']);

        var binaryResult = await _workspace.InvokeAsync(_tool, Edits("img.png", ("PNG", "JPG", false)));
        var latin1Result = await _workspace.InvokeAsync(_tool, Edits("latin1.txt", ("caf", "tea", false)));

        Assert.True(binaryResult.IsError);
        Assert.Contains("binary file (PNG image)", binaryResult.Text, StringComparison.Ordinal);
        Assert.True(latin1Result.IsError);
        Assert.Contains("not valid UTF-8", latin1Result.Text, StringComparison.Ordinal);
        Assert.Equal(8, new FileInfo(binary).Length);
        Assert.Equal([(byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)'\n'], File.ReadAllBytes(latin1));
    }

    [Fact]
    public async Task Paths_outside_the_workspace_are_refused()
    {
        File.WriteAllText(Path.Combine(_workspace.Outside, "secret.txt"), "token\n");

        var result = await _workspace.InvokeAsync(_tool, Edits("../outside/secret.txt", ("token", "stolen", false)));

        Assert.True(result.IsError);
        Assert.Contains("escapes the workspace", result.Text, StringComparison.Ordinal);
        Assert.Equal("token\n", File.ReadAllText(Path.Combine(_workspace.Outside, "secret.txt")));
    }

    [Theory]
    [InlineData("""{"path":"a.txt"}""", "'edits' is required")]
    [InlineData("""{"path":"a.txt","edits":[]}""", "'edits' must contain at least one edit")]
    [InlineData("""{"path":"a.txt","edits":"old->new"}""", "'edits' must be an array, got string")]
    [InlineData("""{"path":"a.txt","edits":[{"old":"a"}]}""", "'edits[0].new' is required")]
    [InlineData("""{"path":"a.txt","edits":[{"old":"a","new":"b"},5]}""", "'edits[1]' must be an object, got number 5")]
    [InlineData("""{"path":"a.txt","edits":[{"old":"a","new":"b","replace_all":"often"}]}""", "'edits[0].replace_all' must be true or false")]
    public async Task Malformed_edits_are_explained_with_the_nested_schema(string json, string problem)
    {
        _workspace.Write("a.txt", "a\n");

        var result = await _workspace.InvokeAsync(_tool, json);

        Assert.True(result.IsError);
        Assert.Contains(problem, result.Text, StringComparison.Ordinal);
        Assert.EndsWith("Expected {path: string, edits: [{old: string, new: string, replace_all?: boolean}]}.", result.Text, StringComparison.Ordinal);
        Assert.Equal("a\n", Read("a.txt"));
    }
}
