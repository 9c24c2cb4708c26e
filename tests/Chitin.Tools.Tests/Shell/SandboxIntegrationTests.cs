using System.Text.Json;
using Chitin.Tools.Shell;
using Chitin.Tools.Tests.Support;

namespace Chitin.Tools.Tests.Shell;

public sealed class SandboxIntegrationTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private static string Json(string command, bool background = false) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["command"] = command, ["timeout_s"] = 30, ["background"] = background });

    [Fact]
    public async Task An_available_sandbox_wraps_the_command_with_the_workspace_and_folders()
    {
        var sandbox = new FakeSandbox();
        var allowed = Directory.CreateDirectory(Path.Combine(_workspace.Base, "shared")).FullName;
        Directory.CreateDirectory(_workspace.Context.ArtifactsDirectory);
        _workspace.Context = _workspace.Context with { AllowedDirectories = [allowed, Path.Combine(_workspace.Base, "missing")] };
        using var tool = new RunShellTool(new BuiltInToolOptions { Sandbox = sandbox, SandboxMode = SandboxMode.Required, AllowNetwork = true });

        var result = await _workspace.InvokeAsync(tool, Json("echo \"sandboxed=$SANDBOXED\""));

        Assert.False(result.IsError, result.Text);
        Assert.StartsWith("Exit code 0 (", result.Text, StringComparison.Ordinal);
        Assert.EndsWith("\nsandboxed=1\n", result.Text, StringComparison.Ordinal);
        var request = Assert.Single(sandbox.Requests);
        Assert.Equal("echo \"sandboxed=$SANDBOXED\"", request.Command);
        Assert.Equal(_workspace.Root, request.Workspace);
        Assert.True(request.AllowNetwork);
        Assert.Equal([allowed], request.WritableDirectories);
        Assert.Equal([_workspace.Context.ArtifactsDirectory], request.ReadOnlyDirectories);
    }

    [Fact]
    public async Task Background_jobs_run_inside_the_sandbox_too()
    {
        var sandbox = new FakeSandbox();
        using var tool = new RunShellTool(new BuiltInToolOptions { Sandbox = sandbox, SandboxMode = SandboxMode.Preferred });
        var output = new ShellOutputTool(tool.Jobs);

        var started = await _workspace.InvokeAsync(tool, Json("echo \"sandboxed=$SANDBOXED\"", background: true));
        var jobId = started.Data!.Value.GetProperty("job_id").GetString()!;
        Assert.True(tool.Jobs.TryFind(_workspace.Context.SessionId, jobId, out var job, out _));
        await job.Finished.WaitAsync(TimeSpan.FromSeconds(20));
        var read = await _workspace.InvokeAsync(output, $$"""{"job_id":"{{jobId}}"}""");

        Assert.Single(sandbox.Requests);
        Assert.EndsWith("\nsandboxed=1\n", read.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Required_without_an_available_sandbox_refuses_to_run()
    {
        var marker = _workspace.PathOf("ran");
        using var missing = new RunShellTool(new BuiltInToolOptions { SandboxMode = SandboxMode.Required });
        using var broken = new RunShellTool(new BuiltInToolOptions { Sandbox = new FakeSandbox(available: false), SandboxMode = SandboxMode.Required });

        var none = await _workspace.InvokeAsync(missing, Json($"touch {marker}"));
        var unavailable = await _workspace.InvokeAsync(broken, Json($"touch {marker}", background: true));

        Assert.True(none.IsError);
        Assert.StartsWith("run_shell refused: policy requires a sandbox but none is available: no sandbox is configured.", none.Text, StringComparison.Ordinal);
        Assert.True(unavailable.IsError);
        Assert.Contains("policy requires a sandbox but none is available: fakebox cannot run on this machine", unavailable.Text, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Preferred_with_a_sandbox_that_cannot_run_refuses_and_says_how_to_fix_it()
    {
        var marker = _workspace.PathOf("ran");
        using var tool = new RunShellTool(new BuiltInToolOptions { Sandbox = new FakeSandbox(available: false), SandboxMode = SandboxMode.Preferred });

        var foreground = await _workspace.InvokeAsync(tool, Json($"touch {marker}"));
        var background = await _workspace.InvokeAsync(tool, Json($"touch {marker}", background: true));

        foreach (var refused in new[] { foreground, background })
        {
            Assert.True(refused.IsError);
            Assert.StartsWith("run_shell refused: no sandbox can run here: fakebox cannot run on this machine.", refused.Text, StringComparison.Ordinal);
            Assert.Contains("apt-get install bubblewrap", refused.Text, StringComparison.Ordinal);
            Assert.Contains("\"sandbox\": {\"mode\": \"off\"}", refused.Text, StringComparison.Ordinal);
            Assert.Contains("--yes does not turn the sandbox off", refused.Text, StringComparison.Ordinal);
        }

        Assert.Equal(0, tool.Jobs.RunningCount);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Preferred_with_no_sandbox_configured_runs_and_warns_once_per_session()
    {
        using var tool = new RunShellTool(new BuiltInToolOptions { SandboxMode = SandboxMode.Preferred });

        var first = await _workspace.InvokeAsync(tool, Json("echo \"sandboxed=${SANDBOXED:-no}\""));
        var second = await _workspace.InvokeAsync(tool, Json("echo again"));
        _workspace.Context = _workspace.Context with { SessionId = "session-2" };
        var otherSession = await _workspace.InvokeAsync(tool, Json("echo other"));

        Assert.False(first.IsError, first.Text);
        Assert.StartsWith("Warning: commands run without a sandbox (no sandbox is configured)", first.Text, StringComparison.Ordinal);
        Assert.Equal(1, first.Text.Split('\n').Count(line => line.StartsWith("Warning:", StringComparison.Ordinal)));
        Assert.EndsWith("\nsandboxed=no\n", first.Text, StringComparison.Ordinal);
        Assert.StartsWith("Exit code 0 (", second.Text, StringComparison.Ordinal);
        Assert.StartsWith("Warning: commands run without a sandbox", otherSession.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Off_never_uses_the_sandbox_and_never_warns()
    {
        var sandbox = new FakeSandbox();
        using var tool = new RunShellTool(new BuiltInToolOptions { Sandbox = sandbox, SandboxMode = SandboxMode.Off });

        var result = await _workspace.InvokeAsync(tool, Json("echo \"sandboxed=${SANDBOXED:-no}\""));

        Assert.StartsWith("Exit code 0 (", result.Text, StringComparison.Ordinal);
        Assert.EndsWith("\nsandboxed=no\n", result.Text, StringComparison.Ordinal);
        Assert.Empty(sandbox.Requests);
    }

    [Fact]
    public async Task Commands_get_the_minimal_environment_plus_what_is_set_or_named()
    {
        Environment.SetEnvironmentVariable("CHITIN_SHELL_TEST_API_KEY", "sk-shell-should-not-leak");
        Environment.SetEnvironmentVariable("CHITIN_SHELL_TEST_PLAIN", "not-named");
        Environment.SetEnvironmentVariable("CHITIN_SHELL_TEST_NAMED_TOKEN", "named-token-passes");
        Environment.SetEnvironmentVariable("CHITIN_SHELL_WILD_TOKEN", "wildcard-never-passes-secrets");
        Environment.SetEnvironmentVariable("CHITIN_SHELL_WILD_MODE", "wildcard-passes-plain");
        using var tool = new RunShellTool(new BuiltInToolOptions
        {
            SandboxMode = SandboxMode.Off,
            ShellEnvironment = new Dictionary<string, string?> { ["HARMLESS_SETTING"] = "visible" },
            ShellEnvironmentPassthrough = ["CHITIN_SHELL_TEST_NAMED_TOKEN", "CHITIN_SHELL_WILD_*"],
        });

        var result = await _workspace.InvokeAsync(tool, Json("env"));

        Assert.False(result.IsError, result.Text);
        foreach (var hidden in new[] { "sk-shell-should-not-leak", "CHITIN_SHELL_TEST_API_KEY", "not-named", "wildcard-never-passes-secrets" })
        {
            Assert.DoesNotContain(hidden, result.Text, StringComparison.Ordinal);
        }

        Assert.Contains("\nCHITIN_SHELL_TEST_NAMED_TOKEN=named-token-passes\n", result.Text, StringComparison.Ordinal);
        Assert.Contains("\nCHITIN_SHELL_WILD_MODE=wildcard-passes-plain\n", result.Text, StringComparison.Ordinal);
        Assert.Contains("\nHARMLESS_SETTING=visible\n", result.Text, StringComparison.Ordinal);
        Assert.Contains("\nPATH=", result.Text, StringComparison.Ordinal);
        Assert.Contains("\nHOME=", result.Text, StringComparison.Ordinal);
        Assert.Contains("\nGIT_TERMINAL_PROMPT=0\n", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_null_value_removes_an_inherited_variable()
    {
        using var tool = new RunShellTool(new BuiltInToolOptions
        {
            SandboxMode = SandboxMode.Off,
            ShellEnvironment = new Dictionary<string, string?> { ["HOME"] = null },
        });

        var result = await _workspace.InvokeAsync(tool, Json("echo \"home=${HOME-unset}\""));

        Assert.EndsWith("\nhome=unset\n", result.Text, StringComparison.Ordinal);
    }
}
