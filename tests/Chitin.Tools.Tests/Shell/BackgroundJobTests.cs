using System.Diagnostics;
using System.Text.Json;
using Chitin.Core.Tools;
using Chitin.Tools.Shell;
using Chitin.Tools.Tests.Support;

namespace Chitin.Tools.Tests.Shell;

public sealed class BackgroundJobTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly TempWorkspace _workspace = new();
    private readonly RunShellTool _run = new(new BuiltInToolOptions { SandboxMode = SandboxMode.Off });
    private readonly ShellOutputTool _output;
    private readonly ShellStopTool _stop;
    private readonly List<string> _pidFiles = [];

    public BackgroundJobTests()
    {
        _output = new ShellOutputTool(_run.Jobs);
        _stop = new ShellStopTool(_run.Jobs);
    }

    public void Dispose()
    {
        _run.Dispose();
        foreach (var pidFile in _pidFiles.Where(File.Exists))
        {
            if (int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
            {
                ProcessTable.KillIfRunning(pid);
            }
        }

        _workspace.Dispose();
    }

    private string PidFile(string name)
    {
        var path = _workspace.PathOf(name);
        _pidFiles.Add(path);
        return path;
    }

    private static string Background(string command) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["command"] = command, ["background"] = true });

    private async Task<string> StartAsync(string command)
    {
        var result = await _workspace.InvokeAsync(_run, Background(command));
        Assert.False(result.IsError, result.Text);
        return result.Data!.Value.GetProperty("job_id").GetString()!;
    }

    private Task<ToolResult> OutputAsync(string jobId, long? since = null) =>
        _workspace.InvokeAsync(_output, since is null ? $$"""{"job_id":"{{jobId}}"}""" : $$"""{"job_id":"{{jobId}}","since":{{since}}}""");

    private Task<(ToolResult Last, string Output)> ReadUntilAsync(string jobId, string state) =>
        ReadUntilAsync(jobId, (last, _) => last.Data!.Value.GetProperty("state").GetString() == state, $"state {state}");

    private Task<(ToolResult Last, string Output)> ReadUntilOutputAsync(string jobId, string expected) =>
        ReadUntilAsync(jobId, (_, output) => output.Contains(expected, StringComparison.Ordinal), $"output {expected}");

    /// <summary>Calls shell_output until <paramref name="done"/> holds, collecting every piece of new output.</summary>
    private async Task<(ToolResult Last, string Output)> ReadUntilAsync(string jobId, Func<ToolResult, string, bool> done, string what)
    {
        var output = "";
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var last = await OutputAsync(jobId);
            Assert.False(last.IsError, last.Text);
            var text = last.Text[(last.Text.IndexOf('\n', StringComparison.Ordinal) + 1)..];
            output += text == "(no new output)" ? "" : text;
            if (done(last, output))
            {
                return (last, output);
            }

            Assert.True(clock.Elapsed < Deadline, $"job {jobId} never reached {what}; output so far: {output}");
            await Task.Delay(20); // polling interval: shell_output never waits, by design
        }
    }

    [Fact]
    public async Task A_background_job_returns_at_once_and_its_output_and_exit_code_can_be_read()
    {
        var gate = _workspace.PathOf("go");
        var start = await _workspace.InvokeAsync(_run, Background($"echo started; while [ ! -f {gate} ]; do sleep 0.05; done; echo finished; exit 3"));

        Assert.False(start.IsError, start.Text);
        Assert.StartsWith("Started job-1 in the background (pid ", start.Text, StringComparison.Ordinal);
        Assert.Equal("running", start.Data!.Value.GetProperty("state").GetString());

        var (running, early) = await ReadUntilOutputAsync("job-1", "started\n");
        Assert.Equal("running", running.Data!.Value.GetProperty("state").GetString());
        Assert.StartsWith("job-1 is running (", running.Text, StringComparison.Ordinal);
        Assert.Equal("started\n", early);

        File.WriteAllText(gate, "");
        var (exited, rest) = await ReadUntilAsync("job-1", "exited");
        Assert.Equal("finished\n", rest);
        Assert.StartsWith("job-1 exited with code 3 (", exited.Text, StringComparison.Ordinal);
        Assert.Equal(3, exited.Data!.Value.GetProperty("exit_code").GetInt32());
    }

    [Fact]
    public async Task Since_rereads_output_from_an_offset()
    {
        var jobId = await StartAsync("printf 'abcdef'");
        await ReadUntilAsync(jobId, "exited");

        var again = await OutputAsync(jobId, since: 2);
        var nothingNew = await OutputAsync(jobId);

        Assert.EndsWith("\ncdef", again.Text, StringComparison.Ordinal);
        Assert.Equal(6, again.Data!.Value.GetProperty("next_since").GetInt64());
        Assert.EndsWith("\n(no new output)", nothingNew.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_a_job_kills_its_children_and_grandchildren()
    {
        var child = PidFile("child.pid");
        var orphan = PidFile("orphan.pid");
        var jobId = await StartAsync($"sleep 300 & echo $! > {child}; ( sleep 301 & echo $! > {orphan} ); echo ready; wait");
        var childPid = await ProcessTable.ReadPidFileAsync(child);
        var orphanPid = await ProcessTable.ReadPidFileAsync(orphan);
        Assert.True(ProcessTable.IsRunning(childPid) && ProcessTable.IsRunning(orphanPid));

        var stopped = await _workspace.InvokeAsync(_stop, $$"""{"job_id":"{{jobId}}"}""");

        Assert.False(stopped.IsError, stopped.Text);
        Assert.StartsWith($"Stopped {jobId} and all its child processes after ", stopped.Text, StringComparison.Ordinal);
        Assert.Equal("stopped", stopped.Data!.Value.GetProperty("state").GetString());
        Assert.True(await ProcessTable.PollAsync(() => !ProcessTable.IsRunning(childPid), Deadline), $"child {childPid} survived");
        Assert.True(await ProcessTable.PollAsync(() => !ProcessTable.IsRunning(orphanPid), Deadline), $"grandchild {orphanPid} survived");

        var again = await _workspace.InvokeAsync(_stop, $$"""{"job_id":"{{jobId}}"}""");
        Assert.False(again.IsError);
        Assert.StartsWith("Nothing to stop: " + jobId + " was stopped after", again.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_the_tool_kills_running_jobs()
    {
        var sleeper = PidFile("sleeper.pid");
        await StartAsync($"sleep 302 & echo $! > {sleeper}; wait");
        var pid = await ProcessTable.ReadPidFileAsync(sleeper);

        _run.Dispose();

        Assert.True(await ProcessTable.PollAsync(() => !ProcessTable.IsRunning(pid), Deadline), $"sleeper {pid} survived disposal");
        Assert.Equal(0, _run.Jobs.RunningCount);
    }

    [Fact]
    public async Task Unknown_job_ids_are_errors_that_list_the_session_jobs()
    {
        var none = await _workspace.InvokeAsync(_output, """{"job_id":"job-9"}""");
        var jobId = await StartAsync("true");
        var wrong = await _workspace.InvokeAsync(_stop, """{"job_id":"job-9"}""");

        Assert.True(none.IsError);
        Assert.Contains("this session has no background jobs", none.Text, StringComparison.Ordinal);
        Assert.True(wrong.IsError);
        Assert.Contains($"Unknown job id 'job-9'. Jobs of this session: {jobId}", wrong.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_are_private_to_their_session()
    {
        var jobId = await StartAsync("echo mine");
        _workspace.Context = _workspace.Context with { SessionId = "session-2" };

        var other = await OutputAsync(jobId);

        Assert.True(other.IsError);
        Assert.Contains("this session has no background jobs", other.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_number_of_running_jobs_per_session_is_capped()
    {
        using var run = new RunShellTool(new BuiltInToolOptions { SandboxMode = SandboxMode.Off, MaxShellJobs = 1 });
        var first = await _workspace.InvokeAsync(run, Background("sleep 303"));

        var second = await _workspace.InvokeAsync(run, Background("sleep 304"));

        Assert.False(first.IsError, first.Text);
        Assert.True(second.IsError);
        Assert.Contains("1 background jobs are already running (job-1); stop one with shell_stop first.", second.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Job_output_keeps_the_newest_text_and_reports_what_was_dropped()
    {
        var buffer = new JobOutputBuffer(capacity: 100);
        buffer.Append(new string('a', 100));
        buffer.Append(new string('b', 100));

        var slice = buffer.Read(0);

        Assert.Equal(200, buffer.TotalChars);
        Assert.Equal(200, slice.Next);
        Assert.True(slice.Dropped >= 75, $"dropped {slice.Dropped}");
        Assert.EndsWith(new string('b', 100), slice.Text, StringComparison.Ordinal);
        Assert.Equal(200 - slice.Dropped, slice.Text.Length);
    }
}
