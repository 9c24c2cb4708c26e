using System.Net.Sockets;
using Chitin.Tools.Files;
using Chitin.Tools.Tests.Support;
using Chitin.Tools.Workspace;

namespace Chitin.Tools.Tests.Workspace;

public sealed class WorkspaceConfinementTests : IDisposable
{
    private static readonly TimeSpan NoBlocking = TimeSpan.FromSeconds(30);

    private readonly TempWorkspace _workspace = new();
    private readonly ReadFileTool _read = new();
    private readonly WriteFileTool _write = new();
    private readonly ListDirTool _list = new();

    public WorkspaceConfinementTests() => File.WriteAllText(Path.Combine(_workspace.Outside, "secret.txt"), "secret");

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Dot_dot_escapes_are_refused_with_what_is_allowed()
    {
        var read = await _workspace.InvokeAsync(_read, """{"path":"../outside/secret.txt"}""");
        var write = await _workspace.InvokeAsync(_write, """{"path":"sub/../../x.txt","content":"x"}""");

        Assert.True(read.IsError);
        Assert.Contains("'../outside/secret.txt' escapes the workspace via '..'", read.Text, StringComparison.Ordinal);
        Assert.Contains($"File tools may only use the workspace '{_workspace.Root}'", read.Text, StringComparison.Ordinal);
        Assert.True(write.IsError);
        Assert.False(File.Exists(Path.Combine(_workspace.Base, "x.txt")));
    }

    [Fact]
    public async Task Dot_dot_that_stays_inside_is_fine()
    {
        _workspace.Write("a/b.txt", "inside\n");

        var result = await _workspace.InvokeAsync(_read, """{"path":"a/../a/./b.txt"}""");

        Assert.False(result.IsError, result.Text);
        Assert.Equal(Path.Combine("a", "b.txt"), result.Data!.Value.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Absolute_paths_outside_are_refused_unless_allowed()
    {
        var secret = Path.Combine(_workspace.Outside, "secret.txt");
        var json = $$"""{"path":"{{secret}}"}""";

        var refused = await _workspace.InvokeAsync(_read, json);
        _workspace.Context = _workspace.Context with { AllowedDirectories = [_workspace.Outside] };
        var allowed = await _workspace.InvokeAsync(_read, json);

        Assert.True(refused.IsError);
        Assert.Contains($"'{secret}' is outside the workspace", refused.Text, StringComparison.Ordinal);
        Assert.False(allowed.IsError, allowed.Text);
        Assert.Equal("    1\tsecret", allowed.Text);
        Assert.Equal(secret, allowed.Data!.Value.GetProperty("path").GetString());
    }

    [Fact]
    public async Task A_file_symlink_pointing_outside_is_refused()
    {
        File.CreateSymbolicLink(_workspace.PathOf("innocent.txt"), Path.Combine(_workspace.Outside, "secret.txt"));

        var read = await _workspace.InvokeAsync(_read, """{"path":"innocent.txt"}""");
        var write = await _workspace.InvokeAsync(_write, """{"path":"innocent.txt","content":"overwritten"}""");

        Assert.True(read.IsError);
        Assert.Contains("'innocent.txt' leads through a symbolic link to", read.Text, StringComparison.Ordinal);
        Assert.Contains("outside the workspace", read.Text, StringComparison.Ordinal);
        Assert.True(write.IsError);
        Assert.Equal("secret", File.ReadAllText(Path.Combine(_workspace.Outside, "secret.txt")));
    }

    [Fact]
    public async Task A_directory_symlink_pointing_outside_is_refused_for_reads_writes_and_listings()
    {
        Directory.CreateSymbolicLink(_workspace.PathOf("docs"), _workspace.Outside);

        var read = await _workspace.InvokeAsync(_read, """{"path":"docs/secret.txt"}""");
        var write = await _workspace.InvokeAsync(_write, """{"path":"docs/new/planted.txt","content":"x"}""");
        var list = await _workspace.InvokeAsync(_list, """{"path":"docs"}""");

        Assert.True(read.IsError);
        Assert.Contains("symbolic link", read.Text, StringComparison.Ordinal);
        Assert.True(write.IsError);
        Assert.False(Directory.Exists(Path.Combine(_workspace.Outside, "new")));
        Assert.True(list.IsError);
    }

    [Fact]
    public async Task A_dangling_symlink_pointing_outside_cannot_be_written_through()
    {
        var target = Path.Combine(_workspace.Outside, "created-by-model.txt");
        File.CreateSymbolicLink(_workspace.PathOf("dangling"), target);

        var write = await _workspace.InvokeAsync(_write, """{"path":"dangling","content":"x"}""");

        Assert.True(write.IsError);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task Symlinks_that_stay_inside_are_followed()
    {
        _workspace.Write("real/data.txt", "data\n");
        Directory.CreateSymbolicLink(_workspace.PathOf("alias"), _workspace.PathOf("real"));

        var result = await _workspace.InvokeAsync(_read, """{"path":"alias/data.txt"}""");

        Assert.False(result.IsError, result.Text);
        Assert.Equal("    1\tdata", result.Text);
    }

    [Fact]
    public async Task Symlink_loops_are_reported()
    {
        File.CreateSymbolicLink(_workspace.PathOf("loop-a"), "loop-b");
        File.CreateSymbolicLink(_workspace.PathOf("loop-b"), "loop-a");

        var result = await _workspace.InvokeAsync(_read, """{"path":"loop-a"}""");

        Assert.True(result.IsError);
        Assert.Contains("too many levels of symbolic links", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_files_and_pseudo_filesystems_are_refused_even_when_allowed()
    {
        _workspace.Context = _workspace.Context with { AllowedDirectories = ["/dev", "/proc"] };

        var zero = await _workspace.InvokeAsync(_read, """{"path":"/dev/zero"}""").WaitAsync(NoBlocking);
        var proc = await _workspace.InvokeAsync(_read, """{"path":"/proc/self/status"}""").WaitAsync(NoBlocking);

        Assert.True(zero.IsError);
        Assert.Contains("'/dev/zero' is in /dev, a system pseudo-filesystem", zero.Text, StringComparison.Ordinal);
        Assert.True(proc.IsError);
        Assert.Contains("/proc", proc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symlink_to_a_device_is_refused()
    {
        File.CreateSymbolicLink(_workspace.PathOf("zeros"), "/dev/zero");

        var result = await _workspace.InvokeAsync(_read, """{"path":"zeros"}""").WaitAsync(NoBlocking);

        Assert.True(result.IsError);
        Assert.Contains("/dev", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_is_refused_without_opening_it()
    {
        TempWorkspace.Run("mkfifo", _workspace.PathOf("pipe"));

        var read = await _workspace.InvokeAsync(_read, """{"path":"pipe"}""").WaitAsync(NoBlocking);
        var write = await _workspace.InvokeAsync(_write, """{"path":"pipe","content":"x"}""").WaitAsync(NoBlocking);

        Assert.True(read.IsError);
        Assert.Contains("'pipe' is a FIFO (named pipe)", read.Text, StringComparison.Ordinal);
        Assert.True(write.IsError);
        Assert.Contains("FIFO", write.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unix_socket_is_refused()
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(_workspace.PathOf("agent.sock")));

        var result = await _workspace.InvokeAsync(_read, """{"path":"agent.sock"}""").WaitAsync(NoBlocking);

        Assert.True(result.IsError);
        Assert.Contains("'agent.sock' is a socket", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tilde_is_not_expanded_and_says_so()
    {
        var result = await _workspace.InvokeAsync(_read, """{"path":"~/notes.txt"}""");

        Assert.True(result.IsError);
        Assert.Contains("'~' is not expanded", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolving_a_new_file_in_a_new_folder_inside_the_workspace_succeeds()
    {
        var paths = new WorkspacePaths(_workspace.Context);

        Assert.True(paths.TryResolve("new/dir/file.txt", out var resolved, out var error), error);
        Assert.False(resolved.Exists);
        Assert.Equal(Path.Combine(_workspace.Root, "new", "dir", "file.txt"), resolved.FullPath);
        Assert.Equal(Path.Combine("new", "dir", "file.txt"), resolved.DisplayPath);
    }

    [Fact]
    public void A_workspace_reached_through_a_symlink_still_confines_by_real_path()
    {
        var linkedWorkspace = Path.Combine(_workspace.Base, "ws-link");
        Directory.CreateSymbolicLink(linkedWorkspace, _workspace.Root);
        _workspace.Write("inside.txt", "x");
        var paths = new WorkspacePaths(_workspace.Context with { Workspace = linkedWorkspace });

        Assert.True(paths.TryResolve("inside.txt", out var inside, out var error), error);
        Assert.True(paths.TryResolve(Path.Combine(_workspace.Root, "inside.txt"), out _, out error), error);
        Assert.Equal(Path.Combine(_workspace.Root, "inside.txt"), inside.FullPath);
        Assert.False(paths.TryResolve("../outside/secret.txt", out _, out _));
    }
}
