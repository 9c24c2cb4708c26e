using Chitin.Tools.Files;
using Chitin.Tools.Tests.Support;

namespace Chitin.Tools.Tests.Files;

public sealed class ListDirToolTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly ListDirTool _tool = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Lists_sorted_entries_with_types_and_sizes()
    {
        _workspace.Write("b.txt", new string('b', 2048));
        _workspace.Write("a.txt", "12345");
        _workspace.Write("Zeta/inner.txt", "x");
        _workspace.Write(".hidden", "");
        File.CreateSymbolicLink(_workspace.PathOf("link"), "a.txt");

        var result = await _workspace.InvokeAsync(_tool, "{}");

        Assert.False(result.IsError, result.Text);
        Assert.Equal("./\n.hidden  0 B\nZeta/\na.txt  5 B\nb.txt  2 KB\nlink -> a.txt", result.Text);
        Assert.Equal(5, result.Data!.Value.GetProperty("entries").GetInt32());
    }

    [Fact]
    public async Task Depth_descends_and_is_capped_at_three()
    {
        _workspace.Write("l1/l2/l3/l4/deep.txt", "x");

        var one = await _workspace.InvokeAsync(_tool, """{"path":"l1"}""");
        var many = await _workspace.InvokeAsync(_tool, """{"path":"l1","depth":9}""");

        Assert.Equal("l1/\nl2/", one.Text);
        Assert.Equal("l1/\nl2/\nl2/l3/\nl2/l3/l4/", many.Text);
        Assert.Equal(3, many.Data!.Value.GetProperty("depth").GetInt32());
    }

    [Fact]
    public async Task Git_folders_are_listed_but_not_expanded()
    {
        _workspace.Write(".git/HEAD", "ref: refs/heads/main\n");
        _workspace.Write("src/app.cs", "class A {}");

        var result = await _workspace.InvokeAsync(_tool, """{"depth":2}""");

        Assert.Equal("./\n.git/\nsrc/\nsrc/app.cs  10 B", result.Text);
    }

    [Fact]
    public async Task The_entry_cap_says_how_many_were_left_out()
    {
        var tool = new ListDirTool(new BuiltInToolOptions { ListMaxEntries = 5 });
        for (var i = 0; i < 12; i++)
        {
            _workspace.Write($"f{i:D2}.txt", "");
        }

        var result = await _workspace.InvokeAsync(tool, "{}");

        Assert.Contains("f04.txt", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("f05.txt", result.Text, StringComparison.Ordinal);
        Assert.EndsWith("... 7 more entries not shown (limit 5); list a subfolder or use a smaller depth.", result.Text, StringComparison.Ordinal);
        Assert.Equal(7, result.Data!.Value.GetProperty("omitted").GetInt32());
    }

    [Fact]
    public async Task Special_files_are_listed_without_being_opened()
    {
        TempWorkspace.Run("mkfifo", _workspace.PathOf("pipe"));

        var result = await _workspace.InvokeAsync(_tool, "{}").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("./\npipe  [fifo]", result.Text);
    }

    [Fact]
    public async Task Empty_directories_and_files_are_reported_plainly()
    {
        Directory.CreateDirectory(_workspace.PathOf("empty"));
        _workspace.Write("file.txt", "x");

        var empty = await _workspace.InvokeAsync(_tool, """{"path":"empty"}""");
        var file = await _workspace.InvokeAsync(_tool, """{"path":"file.txt"}""");
        var missing = await _workspace.InvokeAsync(_tool, """{"path":"nope"}""");

        Assert.Equal("empty/ is empty.", empty.Text);
        Assert.True(file.IsError);
        Assert.Contains("'file.txt' is a file, not a directory; use read_file", file.Text, StringComparison.Ordinal);
        Assert.True(missing.IsError);
        Assert.Contains("Directory not found: 'nope'", missing.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Symlinked_directories_are_shown_but_never_followed()
    {
        _workspace.Write("real/inside.txt", "x");
        Directory.CreateSymbolicLink(_workspace.PathOf("alias"), _workspace.Outside);
        File.WriteAllText(Path.Combine(_workspace.Outside, "secret.txt"), "secret");

        var result = await _workspace.InvokeAsync(_tool, """{"depth":3}""");

        Assert.Equal($"./\nalias -> {_workspace.Outside}\nreal/\nreal/inside.txt  1 B", result.Text);
    }
}
