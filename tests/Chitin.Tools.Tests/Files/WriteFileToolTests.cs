using System.Text;
using Chitin.Tools.Files;
using Chitin.Tools.Tests.Support;
using Chitin.Platform.Files;

namespace Chitin.Tools.Tests.Files;

public sealed class WriteFileToolTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly WriteFileTool _tool = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Creates_the_file_and_its_parent_folders()
    {
        var result = await _workspace.InvokeAsync(_tool, """{"path":"a/b/c.txt","content":"héllo\nworld"}""");

        Assert.False(result.IsError, result.Text);
        Assert.Equal("héllo\nworld", await File.ReadAllTextAsync(_workspace.PathOf("a/b/c.txt")));
        Assert.Equal($"Created '{Path.Combine("a", "b", "c.txt")}': 12 bytes, 2 lines.", result.Text);
        var data = result.Data!.Value;
        Assert.True(data.GetProperty("created").GetBoolean());
        Assert.Equal(12, data.GetProperty("bytes").GetInt64());
        Assert.Equal(2, data.GetProperty("lines").GetInt64());
    }

    [Fact]
    public async Task Overwrites_and_leaves_no_temporary_file_behind()
    {
        _workspace.Write("notes.md", "old content that is longer\n");

        var result = await _workspace.InvokeAsync(_tool, """{"path":"notes.md","content":"new\n"}""");

        Assert.False(result.IsError, result.Text);
        Assert.Equal("Overwrote 'notes.md': 4 bytes, 1 line (was 27 bytes).", result.Text);
        Assert.False(result.Data!.Value.GetProperty("created").GetBoolean());
        Assert.Equal("new\n", await File.ReadAllTextAsync(_workspace.PathOf("notes.md")));
        Assert.Equal(["notes.md"], Directory.GetFileSystemEntries(_workspace.Root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Empty_content_writes_an_empty_file()
    {
        var result = await _workspace.InvokeAsync(_tool, """{"path":"empty.txt","content":""}""");

        Assert.False(result.IsError, result.Text);
        Assert.Equal(0, new FileInfo(_workspace.PathOf("empty.txt")).Length);
    }

    [Fact]
    public async Task Overwriting_keeps_the_file_permissions()
    {
        var script = _workspace.Write("run.sh", "#!/bin/sh\necho old\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        await _workspace.InvokeAsync(_tool, """{"path":"run.sh","content":"#!/bin/sh\necho new\n"}""");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(script));
    }

    [Fact]
    public async Task Writing_through_a_symlink_inside_the_workspace_replaces_the_target_and_keeps_the_link()
    {
        var target = _workspace.Write("real.txt", "old");
        File.CreateSymbolicLink(_workspace.PathOf("alias.txt"), "real.txt");

        var result = await _workspace.InvokeAsync(_tool, """{"path":"alias.txt","content":"new"}""");

        Assert.False(result.IsError, result.Text);
        Assert.Equal("new", await File.ReadAllTextAsync(target));
        Assert.Equal("real.txt", new FileInfo(_workspace.PathOf("alias.txt")).LinkTarget);
    }

    [Fact]
    public async Task A_failed_write_keeps_the_original_content()
    {
        // "a.txt/b.txt" needs a folder where a file stands: creating it fails, root or not.
        _workspace.Write("a.txt", "precious");

        var result = await _workspace.InvokeAsync(_tool, """{"path":"a.txt/b.txt","content":"x"}""");

        Assert.True(result.IsError);
        Assert.Contains("Cannot write", result.Text, StringComparison.Ordinal);
        Assert.Equal("precious", await File.ReadAllTextAsync(_workspace.PathOf("a.txt")));
    }

    [Fact]
    public async Task A_write_that_dies_half_way_leaves_the_original_and_no_temporary_file()
    {
        var path = _workspace.Write("data.json", "{\"version\":1}");

        await Assert.ThrowsAsync<IOException>(() => AtomicFileWriter.WriteAsync(path, async (stream, ct) =>
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes("{\"vers"), ct);
            throw new IOException("disk full (simulated)");
        }, CancellationToken.None));

        Assert.Equal("{\"version\":1}", await File.ReadAllTextAsync(path));
        Assert.Equal(["data.json"], Directory.GetFileSystemEntries(_workspace.Root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_failed_rename_removes_the_temporary_file()
    {
        // Renaming a file onto a non-empty directory fails after the temporary file was fully written.
        _workspace.Write("target/inner.txt", "keep");

        await Assert.ThrowsAnyAsync<IOException>(() =>
            AtomicFileWriter.WriteAsync(_workspace.PathOf("target"), "content"u8.ToArray(), CancellationToken.None));

        Assert.Equal(["target"], Directory.GetFileSystemEntries(_workspace.Root).Select(Path.GetFileName));
        Assert.Equal("keep", await File.ReadAllTextAsync(_workspace.PathOf("target/inner.txt")));
    }

    [Fact]
    public async Task A_directory_path_is_refused()
    {
        Directory.CreateDirectory(_workspace.PathOf("src"));

        var result = await _workspace.InvokeAsync(_tool, """{"path":"src","content":"x"}""");

        Assert.True(result.IsError);
        Assert.Contains("'src' is a directory", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_ending_in_a_separator_is_refused_instead_of_becoming_a_file()
    {
        var result = await _workspace.InvokeAsync(_tool, """{"path":"docs/","content":"x"}""");

        Assert.True(result.IsError);
        Assert.Contains("ends with a directory separator", result.Text, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_workspace.Root));
    }

    [Fact]
    public async Task Lone_surrogates_in_content_are_refused_without_writing()
    {
        var result = await _workspace.InvokeAsync(_tool, """{"path":"bad.txt","content":"a\ud800b"}""");

        Assert.True(result.IsError);
        Assert.False(File.Exists(_workspace.PathOf("bad.txt")));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("one", 1)]
    [InlineData("one\n", 1)]
    [InlineData("one\ntwo", 2)]
    [InlineData("\n\n", 2)]
    public void Counts_lines_as_an_editor_does(string content, long expected) =>
        Assert.Equal(expected, TextFile.CountLines(content));
}
