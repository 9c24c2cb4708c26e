using System.Text.Json;
using Chitin.Cli.Tests.Support;
using Chitin.Security.Audit;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Cli.Tests.Security;

/// <summary>The permission layers as the CLI assembles them: managed policy, flags, project and user files, defaults.</summary>
public sealed class PermissionTests : IAsyncLifetime
{
    private readonly CliSandbox _sandbox = new();
    private ScriptedModelServer _server = null!;

    private string NotePath => Path.Combine(_sandbox.Workspace, Scripts.NoteFile);

    public async Task InitializeAsync()
    {
        _server = await ScriptedModelServer.StartAsync(Scripts.WriteThenRead());
        _sandbox.UseServer(_server);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task The_mode_comes_from_the_highest_layer_that_sets_one()
    {
        _sandbox.WriteUserConfig("""{ "permissions": { "mode": "plan" } }""");
        _sandbox.WriteProjectConfig("""{ "permissions": { "mode": "acceptEdits" } }""");
        _sandbox.TrustWorkspace();

        // Project (acceptEdits) beats user (plan): the write inside the workspace runs without --yes.
        var project = await _sandbox.RunAsync("run", "--json", "write the note");
        Assert.True(project.ExitCode == 0, project.ToString());
        Assert.Equal(Scripts.NoteContent, await File.ReadAllTextAsync(NotePath));

        // --mode beats the project file.
        File.Delete(NotePath);
        var flag = await _sandbox.RunAsync("run", "--json", "--mode", "plan", "write the note");
        Assert.True(flag.ExitCode == 0, flag.ToString());
        Assert.False(File.Exists(NotePath));
        Assert.Contains("plan mode", LastRefusal(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deny_rule_in_a_lower_layer_beats_an_allow_flag()
    {
        _sandbox.WriteUserConfig("""{ "permissions": { "deny": ["write_file(*.txt)"] } }""");

        var result = await _sandbox.RunAsync("run", "--json", "--yes", "--allow", "write_file", "write the note");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(NotePath));
        Assert.Contains("denied by", LastRefusal(), StringComparison.Ordinal);
        Assert.Contains(_sandbox.UserConfigFile, LastRefusal(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allow_and_deny_flags_repeat_and_let_a_call_run_without_yes()
    {
        var result = await _sandbox.RunAsync("run", "--json", "--allow", "write_file(note.txt)", "--deny", "run_shell(rm*)", "--deny", "read_file", "write the note");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Scripts.NoteContent, await File.ReadAllTextAsync(NotePath));
        Assert.Contains("denied by deny read_file", LastRefusal(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_managed_deny_cannot_be_loosened_by_allow_yes_or_unrestricted_mode()
    {
        var policy = Path.Combine(_sandbox.Root, "managed.json");
        await File.WriteAllTextAsync(policy, """{ "permissions": { "deny": ["write_file"] } }""");
        _sandbox.Environment["CHITIN_MANAGED_POLICY"] = policy;
        _sandbox.WriteProjectConfig("""{ "permissions": { "allow": ["write_file"] } }""");

        var result = await _sandbox.RunAsync("run", "--json", "--yes", "--mode", "unrestricted", "--allow", "write_file", "write the note");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(NotePath));
        Assert.Contains($"managed: {policy}", LastRefusal(), StringComparison.Ordinal);
        var denial = Assert.Single(ReadAudit(), e => e.Tool == "write_file");
        Assert.Equal("deny", denial.Decision);
        Assert.Equal($"managed: {policy}", denial.Layer);
    }

    [Fact]
    public async Task Managed_policy_that_forbids_unrestricted_mode_makes_the_flag_a_usage_error()
    {
        var policy = Path.Combine(_sandbox.Root, "managed.json");
        await File.WriteAllTextAsync(policy, """{ "permissions": { "disableUnrestrictedMode": true } }""");
        _sandbox.Environment["CHITIN_MANAGED_POLICY"] = policy;

        var result = await _sandbox.RunAsync("run", "--json", "--mode", "unrestricted", "write the note");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unrestricted mode is disabled", result.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("config_error", json.RootElement.GetProperty("status").GetString());
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task An_invalid_managed_policy_is_a_usage_error_naming_the_file()
    {
        var policy = Path.Combine(_sandbox.Root, "managed.json");
        await File.WriteAllTextAsync(policy, """{ "permissions": { "deny": "write_file" } }""");
        _sandbox.Environment["CHITIN_MANAGED_POLICY"] = policy;

        var result = await _sandbox.RunAsync("run", "write the note");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"permissions.deny in {policy} must be an array of strings", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Unrestricted_mode_from_a_project_file_works_but_is_flagged()
    {
        _sandbox.WriteProjectConfig(
            """
            {
              "permissions": {
                "mode": "unrestricted"
              }
            }
            """);
        _sandbox.TrustWorkspace();

        var result = await _sandbox.RunAsync("run", "--json", "write the note");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Scripts.NoteContent, await File.ReadAllTextAsync(NotePath));
        Assert.Contains($"config warning in {_sandbox.ProjectConfigFile} line 3: permissions.mode \"unrestricted\" in a project file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_mode_refuses_write_file_even_with_yes()
    {
        var result = await _sandbox.RunAsync("run", "--json", "--yes", "--mode", "plan", "write the note");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(NotePath));
        Assert.Contains("plan mode: read-only", LastRefusal(), StringComparison.Ordinal);
        Assert.Contains("refused tool calls: write_file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_decision_is_appended_to_the_daily_audit_log()
    {
        var result = await _sandbox.RunAsync("run", "--json", "--yes", "write the note");

        Assert.True(result.ExitCode == 0, result.ToString());
        var entries = ReadAudit();
        var write = Assert.Single(entries, e => e.Tool == "write_file");
        Assert.Equal("allow", write.Decision);
        Assert.Equal("ask", write.Policy);
        Assert.Equal("flag", write.ResolvedBy);
        var read = Assert.Single(entries, e => e.Tool == "read_file");
        Assert.Equal("allow", read.Decision);
        Assert.Equal("allow", read.Policy);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.All(entries, e => Assert.Equal(json.RootElement.GetProperty("session_id").GetString(), e.SessionId));
    }

    [Fact]
    public async Task An_invalid_permissions_section_names_the_file_line_and_key()
    {
        _sandbox.WriteProjectConfig(
            """
            {
              "permissions": {
                "allow": ["read_file"],
                "mode": "yolo"
              }
            }
            """);

        var result = await _sandbox.RunAsync("run", "write the note");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"config error in {_sandbox.ProjectConfigFile} line 4: Unknown permission mode \"yolo\" in permissions.mode", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task An_invalid_rule_in_a_flag_is_a_usage_error()
    {
        var result = await _sandbox.RunAsync("run", "--allow", "run_shell(git status", "write the note");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("missing closing ')'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("command line", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task An_unknown_mode_flag_is_a_usage_error()
    {
        var result = await _sandbox.RunAsync("run", "--mode", "yolo", "write the note");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("yolo", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Chat_asks_with_the_reason_and_remembers_always_for_the_session()
    {
        await using var shell = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(request => Scripts.ToolResultsThisTurn(request) switch
        {
            0 => ScriptStep.ToolCalls(new ScriptToolCall("run_shell", """{"command":"pwd > shell.txt"}""")),
            1 => ScriptStep.ToolCalls(new ScriptToolCall("run_shell", """{"command":"pwd >> shell.txt"}""")),
            _ => ScriptStep.Text("written twice"),
        }));
        _sandbox.UseServer(shell);

        var chat = await _sandbox.RunWithInputAsync("append twice\na\n", "chat");

        Assert.True(chat.ExitCode == 0, chat.ToString());
        // The built-in "run_shell(pwd)" allow rule does not cover a redirect into a file, so it asks once.
        Assert.Contains("? allow run_shell pwd > shell.txt (mode default [built-in]) [y/n/a=always for pwd]", chat.Stderr, StringComparison.Ordinal);
        Assert.False(chat.Stderr.Contains("? allow run_shell pwd >>", StringComparison.Ordinal), chat.ToString());
        Assert.Equal(2, (await File.ReadAllLinesAsync(Path.Combine(_sandbox.Workspace, "shell.txt"))).Length);
    }

    private string LastRefusal() =>
        _server.Requests
            .Select(r => r.Parsed)
            .OfType<ScriptRequest>()
            .SelectMany(r => r.AllToolResults)
            .Last(r => r.Content.Contains("Permission denied", StringComparison.Ordinal))
            .Content;

    private List<AuditEntry> ReadAudit()
    {
        var folder = Path.Combine(_sandbox.Home, "audit");
        Assert.True(Directory.Exists(folder), "the audit folder exists after a run with tool calls");
        return Directory.GetFiles(folder, "*.jsonl").SelectMany(JsonlAuditLog.ReadAll).ToList();
    }
}
