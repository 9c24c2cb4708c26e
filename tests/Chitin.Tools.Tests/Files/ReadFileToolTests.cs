using System.Text;
using Chitin.Tools.Files;
using Chitin.Tools.Tests.Support;

namespace Chitin.Tools.Tests.Files;

public sealed class ReadFileToolTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly ReadFileTool _tool = new();

    public void Dispose() => _workspace.Dispose();

    private static string Lines(int count) => string.Concat(Enumerable.Range(1, count).Select(i => $"line {i}\n"));

    [Fact]
    public async Task Returns_every_line_numbered()
    {
        _workspace.Write("a.txt", "alpha\nbeta\n\ngamma");

        var result = await _workspace.InvokeAsync(_tool, """{"path":"a.txt"}""");

        Assert.False(result.IsError, result.Text);
        Assert.Equal("    1\talpha\n    2\tbeta\n    3\t\n    4\tgamma", result.Text);
        Assert.Equal(4, result.Data!.Value.GetProperty("total_lines").GetInt64());
        Assert.False(result.Data!.Value.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task Offset_and_limit_select_a_range_and_say_how_to_continue()
    {
        _workspace.Write("ten.txt", Lines(10));

        var result = await _workspace.InvokeAsync(_tool, """{"path":"ten.txt","offset":3,"limit":2}""");

        Assert.False(result.IsError, result.Text);
        Assert.Equal("    3\tline 3\n    4\tline 4\n... 6 more lines (5-10); call read_file with offset=5", result.Text);
        var data = result.Data!.Value;
        Assert.Equal(3, data.GetProperty("first_line").GetInt32());
        Assert.Equal(4, data.GetProperty("last_line").GetInt32());
        Assert.Equal(10, data.GetProperty("total_lines").GetInt64());
        Assert.True(data.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task Line_cap_applies_even_when_a_bigger_limit_is_asked()
    {
        var tool = new ReadFileTool(new BuiltInToolOptions { ReadMaxLines = 5 });
        _workspace.Write("twelve.txt", Lines(12));

        var result = await _workspace.InvokeAsync(tool, """{"path":"twelve.txt","limit":100}""");

        Assert.StartsWith("    1\tline 1\n", result.Text, StringComparison.Ordinal);
        Assert.Contains("    5\tline 5\n... 7 more lines (6-12); call read_file with offset=6", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("line 6", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Byte_cap_stops_before_the_line_that_would_exceed_it()
    {
        var tool = new ReadFileTool(new BuiltInToolOptions { ReadMaxBytes = 1024 });
        var line = new string('x', 93); // 100 bytes per numbered line with prefix and newline
        _workspace.Write("wide.txt", string.Concat(Enumerable.Repeat(line + "\n", 50)));

        var result = await _workspace.InvokeAsync(tool, """{"path":"wide.txt"}""");

        var body = result.Text[..result.Text.IndexOf("...", StringComparison.Ordinal)];
        Assert.True(Encoding.UTF8.GetByteCount(body) <= 1024);
        Assert.Contains("   10\t", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("   11\t", result.Text, StringComparison.Ordinal);
        Assert.EndsWith("... output capped at 1 KB; 40 more lines (11-50); call read_file with offset=11", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_line_longer_than_the_cap_is_cut_with_directions()
    {
        var tool = new ReadFileTool(new BuiltInToolOptions { ReadMaxBytes = 1024 });
        _workspace.Write("minified.js", new string('m', 5000) + "\nsecond\n");

        var result = await _workspace.InvokeAsync(tool, """{"path":"minified.js"}""");

        Assert.False(result.IsError, result.Text);
        Assert.Contains("[line 1 cut after", result.Text, StringComparison.Ordinal);
        Assert.Contains("of 5,000 chars", result.Text, StringComparison.Ordinal);
        Assert.Contains("cut -c", result.Text, StringComparison.Ordinal);
        Assert.EndsWith("1 more line (2-2); call read_file with offset=2", result.Text, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(result.Text) < 1024 + 300);
    }

    [Fact]
    public async Task Windows_and_old_mac_line_endings_split_lines_also_across_buffer_boundaries()
    {
        // The \r\n straddles the reader's 16K buffer: it must still count as one line break.
        _workspace.Write("crlf.txt", new string('a', 16 * 1024 - 1) + "\r\nb\rc\r\n");

        var result = await _workspace.InvokeAsync(_tool, """{"path":"crlf.txt","offset":2}""");

        Assert.Equal("    2\tb\n    3\tc", result.Text);
        Assert.Equal(3, result.Data!.Value.GetProperty("total_lines").GetInt64());
    }

    [Fact]
    public async Task Offset_past_the_end_is_an_error_naming_the_line_count()
    {
        _workspace.Write("three.txt", Lines(3));

        var result = await _workspace.InvokeAsync(_tool, """{"path":"three.txt","offset":4}""");

        Assert.True(result.IsError);
        Assert.Contains("offset 4 is past the end of 'three.txt', which has 3 lines", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nul_bytes_mean_binary_and_the_error_names_size_and_a_shell_alternative()
    {
        _workspace.WriteBytes("blob.bin", [1, 2, 0, 3, 4, 5]);

        var result = await _workspace.InvokeAsync(_tool, """{"path":"blob.bin"}""");

        Assert.True(result.IsError);
        Assert.Contains("'blob.bin' is a binary file (binary data, 6 bytes)", result.Text, StringComparison.Ordinal);
        Assert.Contains("`xxd blob.bin | head -n 32`", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Known_binary_formats_are_named()
    {
        var png = new byte[2000];
        new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(png, 0);
        _workspace.WriteBytes("my logo.png", png);

        var result = await _workspace.InvokeAsync(_tool, """{"path":"my logo.png"}""");

        Assert.True(result.IsError);
        Assert.Contains("(PNG image, 2,000 bytes)", result.Text, StringComparison.Ordinal);
        Assert.Contains("`file 'my logo.png'`", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mostly_invalid_utf8_without_nul_bytes_is_binary()
    {
        var random = new Random(7);
        var bytes = Enumerable.Range(0, 4000).Select(_ => (byte)random.Next(0x80, 0x100)).ToArray();
        _workspace.WriteBytes("noise.dat", bytes);

        var result = await _workspace.InvokeAsync(_tool, """{"path":"noise.dat"}""");

        Assert.True(result.IsError);
        Assert.Contains("binary", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_few_invalid_utf8_bytes_in_text_become_replacement_characters()
    {
        _workspace.WriteBytes("latin1.txt", [.. "caf"u8, 0xE9, .. " au lait\nok\n"u8]);

        var result = await _workspace.InvokeAsync(_tool, """{"path":"latin1.txt"}""");

        Assert.False(result.IsError, result.Text);
        Assert.Equal("    1\tcaf\uFFFD au lait\n    2\tok", result.Text);
    }

    [Fact]
    public async Task Utf16_text_with_a_byte_order_mark_is_decoded()
    {
        _workspace.WriteBytes("wide.txt", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("héllo\nwörld\n")]);

        var result = await _workspace.InvokeAsync(_tool, """{"path":"wide.txt"}""");

        Assert.False(result.IsError, result.Text);
        Assert.Equal("    1\théllo\n    2\twörld", result.Text);
    }

    [Fact]
    public async Task An_empty_file_says_so()
    {
        _workspace.Write("empty.txt", "");

        var result = await _workspace.InvokeAsync(_tool, """{"path":"empty.txt"}""");

        Assert.False(result.IsError);
        Assert.Equal("'empty.txt' is empty (0 bytes).", result.Text);
    }

    [Fact]
    public async Task Missing_files_and_directories_are_clear_errors()
    {
        Directory.CreateDirectory(_workspace.PathOf("src"));

        var missing = await _workspace.InvokeAsync(_tool, """{"path":"nope.txt"}""");
        var directory = await _workspace.InvokeAsync(_tool, """{"path":"src"}""");

        Assert.True(missing.IsError);
        Assert.Contains("File not found: 'nope.txt'", missing.Text, StringComparison.Ordinal);
        Assert.True(directory.IsError);
        Assert.Contains("'src' is a directory; use list_dir", directory.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Absolute_paths_inside_the_workspace_are_shown_relative()
    {
        var path = _workspace.Write("sub/dir/file.txt", "x\n");

        var result = await _workspace.InvokeAsync(_tool, $$"""{"path":"{{path}}"}""");

        Assert.False(result.IsError, result.Text);
        Assert.Equal(Path.Combine("sub", "dir", "file.txt"), result.Data!.Value.GetProperty("path").GetString());
    }
}
