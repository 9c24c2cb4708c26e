using System.Text.Json;
using Chitin.Cli.Tests.Support;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Cli.Tests.Commands;

public sealed class InitDoctorTests : IAsyncLifetime
{
    private readonly CliSandbox _sandbox = new();
    private ScriptedModelServer _server = null!;

    public async Task InitializeAsync() => _server = await ScriptedModelServer.StartAsync(ModelScript.Demo());

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task Init_writes_a_commented_config_that_doctor_then_accepts()
    {
        var init = await _sandbox.RunAsync("init");
        _sandbox.UseServer(_server);
        var doctor = await _sandbox.RunAsync("doctor", "--json");

        Assert.True(init.ExitCode == 0, init.ToString());
        var written = await File.ReadAllTextAsync(_sandbox.UserConfigFile);
        Assert.Contains("// ", written, StringComparison.Ordinal);
        Assert.True(doctor.ExitCode == 0, doctor.ToString());
        using var report = JsonDocument.Parse(doctor.Stdout);
        Assert.True(report.RootElement.GetProperty("ok").GetBoolean());
        var checks = report.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => (Status: c.GetProperty("status").GetString(), Detail: c.GetProperty("detail").GetString()!));
        Assert.Equal("ok", checks["user config"].Status);
        Assert.Contains("is valid", checks["user config"].Detail, StringComparison.Ordinal);
        Assert.Equal("ok", checks["provider reachable"].Status);
        Assert.Equal("ok", checks["database"].Status);
        Assert.Contains("scripted-model", checks["model"].Detail, StringComparison.Ordinal);
        Assert.Contains("sandbox", checks.Keys);
    }

    [Fact]
    public async Task Init_refuses_to_overwrite_without_force()
    {
        Assert.Equal(0, (await _sandbox.RunAsync("init")).ExitCode);
        await File.WriteAllTextAsync(_sandbox.UserConfigFile, """{ "model": "mine" }""");

        var again = await _sandbox.RunAsync("init");
        var kept = await File.ReadAllTextAsync(_sandbox.UserConfigFile);
        var forced = await _sandbox.RunAsync("init", "--force");

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--force", again.Stderr, StringComparison.Ordinal);
        Assert.Equal("""{ "model": "mine" }""", kept);
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("\"model\": \"gpt-5-mini\"", await File.ReadAllTextAsync(_sandbox.UserConfigFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_project_writes_into_the_working_directory()
    {
        var init = await _sandbox.RunAsync("init", "--project", "--json");

        Assert.Equal(0, init.ExitCode);
        Assert.True(File.Exists(_sandbox.ProjectConfigFile));
        Assert.False(File.Exists(_sandbox.UserConfigFile));
        using var json = JsonDocument.Parse(init.Stdout);
        Assert.Equal(_sandbox.ProjectConfigFile, json.RootElement.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Doctor_reports_a_broken_file_with_its_line_and_fails()
    {
        _sandbox.UseServer(_server);
        _sandbox.WriteProjectConfig("{\n  \"limits\": { \"maxSteps\": -3 }\n}\n");

        var doctor = await _sandbox.RunAsync("doctor");

        Assert.Equal(1, doctor.ExitCode);
        Assert.Contains("project config", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("fail", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{_sandbox.ProjectConfigFile} line 2", doctor.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_never_prints_the_api_key()
    {
        const string secret = "sk-test-0123456789-very-secret";
        _sandbox.UseServer(_server);
        _sandbox.Environment["OPENAI_API_KEY"] = secret;

        var table = await _sandbox.RunAsync("doctor");
        var json = await _sandbox.RunAsync("doctor", "--json");

        Assert.Contains("set (from OPENAI_API_KEY)", table.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, table.AllOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, json.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_says_when_the_provider_is_unreachable()
    {
        _sandbox.Environment["OPENAI_BASE_URL"] = "http://127.0.0.1:1/v1";
        _sandbox.Environment["CHITIN_MODEL"] = "m";

        var doctor = await _sandbox.RunAsync("doctor", "--json");

        Assert.Equal(1, doctor.ExitCode);
        using var report = JsonDocument.Parse(doctor.Stdout);
        var probe = report.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "provider reachable");
        Assert.Equal("fail", probe.GetProperty("status").GetString());
        Assert.Contains("127.0.0.1:1", probe.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
