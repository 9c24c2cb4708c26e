using System.Text.Json;
using Chitin.Cli.Tests.Support;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Cli.Tests.Security;

/// <summary>The "sandbox" config section and the managed policy's sandbox mode, as run and doctor apply them.</summary>
public sealed class SandboxTests : IAsyncLifetime
{
    private readonly CliSandbox _sandbox = new();
    private ScriptedModelServer _server = null!;

    private string BogusBwrap => Path.Combine(_sandbox.Root, "no-such-bwrap");

    public async Task InitializeAsync()
    {
        _server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(request => request.ToolResultCount == 0
            ? ScriptStep.ToolCalls(new ScriptToolCall("run_shell", """{"command":"echo ran > ran.txt"}"""))
            : ScriptStep.Text("finished")));
        _sandbox.UseServer(_server);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task Required_sandbox_that_cannot_run_stops_before_the_run_with_an_actionable_error()
    {
        _sandbox.WriteProjectConfig($$"""{ "sandbox": { "mode": "required", "bwrapPath": "{{BogusBwrap}}", "landlock": false } }""");
        _sandbox.TrustWorkspace();

        var result = await _sandbox.RunAsync("run", "--json", "--yes", "run it");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("policy requires a sandbox but bubblewrap is not available", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(BogusBwrap, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("install bubblewrap", result.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("config_error", json.RootElement.GetProperty("status").GetString());
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task The_managed_policy_sandbox_mode_wins_over_config()
    {
        var policy = Path.Combine(_sandbox.Root, "managed.json");
        await File.WriteAllTextAsync(policy, """{ "sandbox": "required" }""");
        _sandbox.Environment["CHITIN_MANAGED_POLICY"] = policy;
        _sandbox.WriteUserConfig($$"""{ "sandbox": { "mode": "off", "bwrapPath": "{{BogusBwrap}}", "landlock": false } }""");

        var result = await _sandbox.RunAsync("run", "--yes", "run it");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"set by managed policy {policy}", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Without_bubblewrap_yes_runs_commands_under_landlock_that_cannot_write_outside_the_workspace()
    {
        var outside = Directory.CreateDirectory(Path.Combine(_sandbox.Root, "outside")).FullName;
        await using var server = await ShellServerAsync($"echo ran > ran.txt; echo x > {outside}/escape.txt; echo escape=$?");
        _sandbox.WriteUserConfig($$"""{ "sandbox": { "bwrapPath": "{{BogusBwrap}}" } }""");

        var result = await _sandbox.RunAsync("run", "--yes", "run it");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("shell commands are confined with Landlock", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("ran\n", await File.ReadAllTextAsync(Path.Combine(_sandbox.Workspace, "ran.txt")));
        Assert.False(File.Exists(Path.Combine(outside, "escape.txt")));
        Assert.True(server.Requests[^1].Body.Contains("escape=1", StringComparison.Ordinal) && server.Requests[^1].Body.Contains("Permission denied", StringComparison.Ordinal), server.Requests[^1].Body);
    }

    [Fact]
    public async Task With_neither_bubblewrap_nor_landlock_yes_gets_run_shell_refused_with_how_to_fix_it()
    {
        _sandbox.WriteUserConfig($$"""{ "sandbox": { "mode": "preferred", "bwrapPath": "{{BogusBwrap}}", "landlock": false } }""");

        var result = await _sandbox.RunAsync("run", "--yes", "run it");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("shell commands will be refused", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_sandbox.Workspace, "ran.txt")));
        var toolResult = _server.Requests[^1].Body;
        Assert.Contains("run_shell refused: no sandbox can run here", toolResult, StringComparison.Ordinal);
        Assert.Contains("apt-get install bubblewrap", toolResult, StringComparison.Ordinal);
        Assert.Contains("--yes does not turn the sandbox off", toolResult, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mode_off_is_the_explicit_opt_out_and_runs_commands_unconfined()
    {
        var outside = Directory.CreateDirectory(Path.Combine(_sandbox.Root, "outside")).FullName;
        await using var server = await ShellServerAsync($"echo x > {outside}/unconfined.txt");
        _sandbox.WriteUserConfig($$"""{ "sandbox": { "mode": "off" } }""");

        var result = await _sandbox.RunAsync("run", "--yes", "run it");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("x\n", await File.ReadAllTextAsync(Path.Combine(outside, "unconfined.txt")));
    }

    private async Task<ScriptedModelServer> ShellServerAsync(string command)
    {
        var server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(request => request.ToolResultCount == 0
            ? ScriptStep.ToolCalls(new ScriptToolCall("run_shell", JsonSerializer.Serialize(new Dictionary<string, string> { ["command"] = command })))
            : ScriptStep.Text("finished")));
        _sandbox.UseServer(server);
        return server;
    }

    [Fact]
    public async Task Runs_without_shell_calls_never_probe_the_sandbox()
    {
        await using var textOnly = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("nothing to run")));
        _sandbox.UseServer(textOnly);
        _sandbox.WriteProjectConfig($$"""{ "sandbox": { "mode": "preferred", "bwrapPath": "{{BogusBwrap}}" } }""");
        _sandbox.TrustWorkspace();

        var result = await _sandbox.RunAsync("run", "--yes", "just answer");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("sandbox", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_sandbox_values_name_the_file_line_and_key()
    {
        _sandbox.WriteProjectConfig(
            """
            {
              "sandbox": {
                "mode": "sometimes",
                "allowNetwork": "maybe"
              }
            }
            """);

        var result = await _sandbox.RunAsync("run", "run it");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{_sandbox.ProjectConfigFile} line 3: sandbox.mode must be \"required\"", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{_sandbox.ProjectConfigFile} line 4: sandbox.allowNetwork must be true or false, got \"maybe\"", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_reports_whether_the_sandbox_really_runs()
    {
        _sandbox.WriteProjectConfig($$"""{ "model": "m", "sandbox": { "mode": "required", "bwrapPath": "{{BogusBwrap}}", "landlock": false } }""");
        _sandbox.TrustWorkspace();

        var doctor = await _sandbox.RunAsync("doctor", "--offline", "--json");

        Assert.Equal(1, doctor.ExitCode);
        using var report = JsonDocument.Parse(doctor.Stdout);
        var sandbox = report.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "sandbox");
        Assert.Equal("fail", sandbox.GetProperty("status").GetString());
        Assert.Contains("confinement none", sandbox.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("could not be started", sandbox.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("sandbox.mode required", sandbox.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("none", report.RootElement.GetProperty("confinement").GetProperty("active").GetString());
    }

    [Fact]
    public async Task Doctor_reports_the_active_confinement_as_a_field()
    {
        var bubblewrap = await _sandbox.RunAsync("doctor", "--offline", "--json");
        _sandbox.WriteUserConfig($$"""{ "sandbox": { "bwrapPath": "{{BogusBwrap}}" } }""");
        var landlock = await _sandbox.RunAsync("doctor", "--offline", "--json");

        using var withBubblewrap = JsonDocument.Parse(bubblewrap.Stdout);
        Assert.Equal("bubblewrap", withBubblewrap.RootElement.GetProperty("confinement").GetProperty("active").GetString());
        Assert.True(withBubblewrap.RootElement.GetProperty("confinement").GetProperty("network_blocked").GetBoolean());
        using var withLandlock = JsonDocument.Parse(landlock.Stdout);
        var confinement = withLandlock.RootElement.GetProperty("confinement");
        Assert.Equal("landlock", confinement.GetProperty("active").GetString());
        Assert.True(confinement.GetProperty("landlock_abi").GetInt32() >= 4);
        Assert.True(confinement.GetProperty("network_blocked").GetBoolean());
        var check = withLandlock.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "sandbox");
        Assert.Equal("ok", check.GetProperty("status").GetString());
        Assert.StartsWith("confinement landlock (ABI ", check.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("network blocked", check.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
