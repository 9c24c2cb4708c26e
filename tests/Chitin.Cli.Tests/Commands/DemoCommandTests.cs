using System.Text.Json;
using Chitin.Cli.Tests.Support;

namespace Chitin.Cli.Tests.Commands;

public sealed class DemoCommandTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Demo_runs_a_real_multi_step_task_and_shows_steps_tokens_cache_hits_and_cost()
    {
        var demo = await _sandbox.RunAsync("demo");

        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Contains("steps (model calls)  5", demo.Stdout, StringComparison.Ordinal);
        Assert.Contains("tool calls           4", demo.Stdout, StringComparison.Ordinal);
        Assert.Contains("→ write_file", demo.Stdout, StringComparison.Ordinal);
        Assert.Contains("→ run_shell", demo.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"cache-hit rate\s+[1-9]\d*\.\d%", demo.Stdout);
        Assert.Matches(@"cost\s+\$0\.\d{4}", demo.Stdout);
        Assert.Matches(@"cached input tokens\s+[1-9]", demo.Stdout);
        var workspace = Directory.GetDirectories(Path.Combine(_sandbox.Home, "demo")).Single();
        Assert.True(File.Exists(Path.Combine(workspace, "notes", "plan.md")));
    }

    [Fact]
    public async Task Demo_json_is_recorded_like_any_run()
    {
        var demo = await _sandbox.RunAsync("demo", "--json");
        var usage = await _sandbox.RunAsync("usage", "--by", "model", "--json");

        Assert.True(demo.ExitCode == 0, demo.ToString());
        using var json = JsonDocument.Parse(demo.Stdout);
        Assert.Equal("done", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(4, json.RootElement.GetProperty("tool_calls").GetInt32());
        using var report = JsonDocument.Parse(usage.Stdout);
        Assert.Equal("scripted-demo", report.RootElement.GetProperty("rows")[0].GetProperty("key").GetString());
    }

    [Fact]
    public async Task Demo_runs_its_shell_step_in_the_bubblewrap_sandbox()
    {
        var demo = await _sandbox.RunAsync("demo");

        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Matches(@"sandbox\s+bubblewrap", demo.Stdout);
        Assert.Contains("run_shell returned: \"Exit code 0", demo.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_follows_the_user_sandbox_settings()
    {
        _sandbox.WriteUserConfig("""{ "sandbox": { "mode": "off" } }""");
        var off = await _sandbox.RunAsync("demo");
        _sandbox.WriteUserConfig($$"""{ "sandbox": { "mode": "preferred", "bwrapPath": "{{Path.Combine(_sandbox.Root, "no-such-bwrap")}}", "landlock": false } }""");
        var unavailable = await _sandbox.RunAsync("demo");

        Assert.True(off.ExitCode == 0, off.ToString());
        Assert.Matches(@"sandbox\s+off \(sandbox.mode is off\)", off.Stdout);
        Assert.Matches(@"sandbox\s+none \(neither bubblewrap nor Landlock can run here", unavailable.Stdout);
        Assert.Contains("shell commands will be refused", unavailable.Stderr, StringComparison.Ordinal);
    }
}
