using System.Diagnostics;
using Chitin.Tools.Shell;
using Chitin.Tools.Tests.Support;

namespace Chitin.Tools.Tests.Shell;

public sealed class RunShellToolTests : IDisposable
{
    private static readonly TimeSpan ProcessDeathDeadline = TimeSpan.FromSeconds(10);

    private readonly TempWorkspace _workspace = new();
    private readonly RunShellTool _tool = new(new BuiltInToolOptions { SandboxMode = SandboxMode.Off });
    private readonly List<string> _pidFiles = [];

    public void Dispose()
    {
        // Safety net: a failing test must not leave its sleepers behind.
        foreach (var pidFile in _pidFiles.Where(File.Exists))
        {
            if (int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
            {
                ProcessTable.KillIfRunning(pid);
            }
        }

        _tool.Dispose();
        _workspace.Dispose();
    }

    private string PidFile(string name)
    {
        var path = _workspace.PathOf(name);
        _pidFiles.Add(path);
        return path;
    }

    private static string Json(string command, int? timeoutSeconds = null) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["command"] = command,
            ["timeout_s"] = timeoutSeconds ?? 30,
        });

    [Fact]
    public async Task Runs_in_the_workspace_and_reports_exit_code_and_output()
    {
        var result = await _workspace.InvokeAsync(_tool, Json("pwd; echo hello"));

        Assert.False(result.IsError, result.Text);
        Assert.Matches(@"^Exit code 0 \(\d+\.\d+ s\)\.\n", result.Text);
        Assert.EndsWith($"\n{_workspace.Root}\nhello\n", result.Text, StringComparison.Ordinal);
        var data = result.Data!.Value;
        Assert.Equal(0, data.GetProperty("exit_code").GetInt32());
        Assert.False(data.GetProperty("timed_out").GetBoolean());
        Assert.False(data.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task A_non_zero_exit_is_a_normal_result_naming_the_code()
    {
        var result = await _workspace.InvokeAsync(_tool, Json("echo failing >&2; exit 3"));

        Assert.False(result.IsError);
        Assert.StartsWith("Exit code 3 (", result.Text, StringComparison.Ordinal);
        Assert.Contains("failing", result.Text, StringComparison.Ordinal);
        Assert.Equal(3, result.Data!.Value.GetProperty("exit_code").GetInt32());
    }

    [Fact]
    public async Task Stdout_and_stderr_are_both_captured()
    {
        var result = await _workspace.InvokeAsync(_tool, Json("echo to-out; echo to-err >&2; echo again-out"));

        Assert.Contains("to-out\n", result.Text, StringComparison.Ordinal);
        Assert.Contains("to-err\n", result.Text, StringComparison.Ordinal);
        Assert.Contains("again-out\n", result.Text, StringComparison.Ordinal);
        Assert.True(result.Text.IndexOf("to-out", StringComparison.Ordinal) < result.Text.IndexOf("again-out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stdin_is_closed_so_readers_get_end_of_file_at_once()
    {
        var result = await _workspace.InvokeAsync(_tool, Json("cat; read -r line || echo got-eof", timeoutSeconds: 20));

        Assert.False(result.Data!.Value.GetProperty("timed_out").GetBoolean());
        Assert.EndsWith("\ngot-eof\n", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bash_features_are_available()
    {
        var result = await _workspace.InvokeAsync(_tool, Json("words=(a b c); echo ${#words[@]} $((6*7))"));

        Assert.EndsWith("\n3 42\n", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_output_keeps_head_and_tail_around_an_omission_marker()
    {
        using var tool = new RunShellTool(new BuiltInToolOptions { MaxOutputChars = 1000, SandboxMode = SandboxMode.Off });

        var result = await _workspace.InvokeAsync(tool, Json("seq 1 2000"));

        // seq 1 2000 prints 9*2 + 90*3 + 900*4 + 1001*5 = 8,893 chars; 1,000 are kept.
        var output = result.Text[(result.Text.IndexOf('\n', StringComparison.Ordinal) + 1)..];
        Assert.StartsWith("1\n2\n3\n", output, StringComparison.Ordinal);
        Assert.EndsWith("1999\n2000\n", output, StringComparison.Ordinal);
        Assert.Contains("[... 7,893 chars omitted ...]", output, StringComparison.Ordinal);
        Assert.True(output.Length < 1100);
        var data = result.Data!.Value;
        Assert.True(data.GetProperty("truncated").GetBoolean());
        Assert.Equal(8893, data.GetProperty("output_chars").GetInt64());
    }

    [Fact]
    public async Task A_timeout_kills_the_whole_tree_including_reparented_background_processes()
    {
        var child = PidFile("child.pid");
        var orphan = PidFile("orphan.pid");

        // "child" stays a child of the shell; "orphan" is re-parented to init as soon as its subshell exits.
        var command = $"sleep 300 & echo $! > {child}; ( sleep 301 & echo $! > {orphan} ); sleep 302";
        var clock = Stopwatch.StartNew();
        var result = await _workspace.InvokeAsync(_tool, Json(command, timeoutSeconds: 1));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the call must end soon after its timeout");
        Assert.False(result.IsError, result.Text);
        Assert.StartsWith("Timed out after 1 s; the command and all its child processes were killed.", result.Text, StringComparison.Ordinal);
        Assert.True(result.Data!.Value.GetProperty("timed_out").GetBoolean());
        var childPid = await ProcessTable.ReadPidFileAsync(child);
        var orphanPid = await ProcessTable.ReadPidFileAsync(orphan);
        Assert.True(await ProcessTable.PollAsync(() => !ProcessTable.IsRunning(childPid), ProcessDeathDeadline), $"child {childPid} survived");
        Assert.True(await ProcessTable.PollAsync(() => !ProcessTable.IsRunning(orphanPid), ProcessDeathDeadline), $"orphan {orphanPid} survived");
    }

    [Fact]
    public async Task Cancellation_kills_the_tree_and_surfaces_as_cancellation()
    {
        var orphan = PidFile("orphan.pid");
        using var cancellation = new CancellationTokenSource();
        var call = _workspace.InvokeAsync(_tool, Json($"( sleep 303 & echo $! > {orphan} ); sleep 304", timeoutSeconds: 600), cancellation.Token);

        var orphanPid = await ProcessTable.ReadPidFileAsync(orphan);
        Assert.True(ProcessTable.IsRunning(orphanPid));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.True(await ProcessTable.PollAsync(() => !ProcessTable.IsRunning(orphanPid), ProcessDeathDeadline), $"orphan {orphanPid} survived");
    }

    [Fact]
    public async Task A_background_process_holding_the_output_does_not_hang_the_call()
    {
        var sleeper = PidFile("sleeper.pid");

        var result = await _workspace.InvokeAsync(_tool, Json($"sleep 305 & echo $! > {sleeper}; echo started")).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.False(result.Data!.Value.GetProperty("timed_out").GetBoolean());
        Assert.Contains("Background processes still hold stdout/stderr", result.Text, StringComparison.Ordinal);
        Assert.EndsWith("\nstarted\n", result.Text, StringComparison.Ordinal);
        ProcessTable.KillIfRunning(await ProcessTable.ReadPidFileAsync(sleeper));
    }

    [Fact]
    public async Task Timeouts_above_the_maximum_are_capped_and_say_so()
    {
        using var tool = new RunShellTool(new BuiltInToolOptions
        {
            ShellDefaultTimeout = TimeSpan.FromSeconds(1),
            ShellMaxTimeout = TimeSpan.FromSeconds(1),
            SandboxMode = SandboxMode.Off,
        });

        var result = await _workspace.InvokeAsync(tool, Json("sleep 306", timeoutSeconds: 5000));

        Assert.StartsWith("Timed out after 1 s", result.Text, StringComparison.Ordinal);
        Assert.Contains("timeout_s capped at 1", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silent_commands_say_there_was_no_output()
    {
        var result = await _workspace.InvokeAsync(_tool, Json("true"));

        Assert.EndsWith("\n(no output)", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_workspace_is_an_error_not_an_exception()
    {
        _workspace.Context = _workspace.Context with { Workspace = Path.Combine(_workspace.Base, "missing") };

        var result = await _workspace.InvokeAsync(_tool, Json("echo hi"));

        Assert.True(result.IsError);
        Assert.Contains("does not exist", result.Text, StringComparison.Ordinal);
    }
}
