using Chitin.Cli.Tests.Support;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Cli.Tests.Security;

/// <summary>Hook commands from the config files, run by the CLI around tool calls.</summary>
public sealed class HookTests : IAsyncLifetime
{
    private readonly CliSandbox _sandbox = new();
    private ScriptedModelServer _server = null!;

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
    public async Task A_before_tool_hook_denies_a_call_that_yes_would_approve()
    {
        _sandbox.WriteProjectConfig(
            """
            {
              "hooks": {
                "before_tool": [{ "matcher": "write_file", "command": "echo 'writes are reviewed by a person' >&2; exit 2" }]
              }
            }
            """);
        _sandbox.TrustWorkspace();

        var result = await _sandbox.RunAsync("run", "--json", "--yes", "write the note");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(Path.Combine(_sandbox.Workspace, Scripts.NoteFile)));
        var results = _server.Requests.Select(r => r.Parsed).OfType<ScriptRequest>().SelectMany(r => r.AllToolResults).Select(r => r.Content).ToList();
        Assert.Contains(results, r => r.Contains("Blocked by a before_tool hook: writes are reviewed by a person", StringComparison.Ordinal));
        Assert.Contains("refused tool calls: write_file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_after_tool_hook_is_a_warning_on_stderr()
    {
        _sandbox.WriteUserConfig("""{ "hooks": { "after_tool": [{ "matcher": "read_file", "command": "echo broken >&2; exit 7" }] } }""");

        var result = await _sandbox.RunAsync("run", "--json", "--yes", "write the note");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warning: after_tool hook \"echo broken >&2; exit 7\"", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("exit code 7: broken", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(Scripts.NoteContent, await File.ReadAllTextAsync(Path.Combine(_sandbox.Workspace, Scripts.NoteFile)));
    }

    [Fact]
    public async Task An_invalid_hook_names_the_file_line_and_key()
    {
        _sandbox.WriteProjectConfig(
            """
            {
              "hooks": {
                "before_tool": [
                  { "matcher": "run_shell", "command": "./guard.sh", "timeout": -1 }
                ]
              }
            }
            """);

        var result = await _sandbox.RunAsync("run", "write the note");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"config error in {_sandbox.ProjectConfigFile} line 4: hooks.before_tool[0].timeout in {_sandbox.ProjectConfigFile} must be a number of seconds", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }
}
