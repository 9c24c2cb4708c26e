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
        _sandbox.WriteProjectConfig($$"""{ "sandbox": { "mode": "required", "bwrapPath": "{{BogusBwrap}}" } }""");
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
        _sandbox.WriteUserConfig($$"""{ "sandbox": { "mode": "off", "bwrapPath": "{{BogusBwrap}}" } }""");

        var result = await _sandbox.RunAsync("run", "--yes", "run it");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"set by managed policy {policy}", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Preferred_sandbox_that_cannot_run_warns_and_runs_the_command_unconfined()
    {
        _sandbox.WriteProjectConfig($$"""{ "sandbox": { "mode": "preferred", "bwrapPath": "{{BogusBwrap}}" } }""");
        _sandbox.TrustWorkspace();

        var result = await _sandbox.RunAsync("run", "--yes", "run it");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warning: shell commands will run WITHOUT a sandbox", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("ran\n", await File.ReadAllTextAsync(Path.Combine(_sandbox.Workspace, "ran.txt")));
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
        _sandbox.WriteProjectConfig($$"""{ "model": "m", "sandbox": { "mode": "required", "bwrapPath": "{{BogusBwrap}}" } }""");
        _sandbox.TrustWorkspace();

        var doctor = await _sandbox.RunAsync("doctor", "--offline", "--json");

        Assert.Equal(1, doctor.ExitCode);
        using var report = JsonDocument.Parse(doctor.Stdout);
        var sandbox = report.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "sandbox");
        Assert.Equal("fail", sandbox.GetProperty("status").GetString());
        Assert.Contains("could not be started", sandbox.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("sandbox.mode required", sandbox.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
