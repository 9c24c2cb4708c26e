using System.Text.Json;
using Chitin.Core.Agents;
using Chitin.Core.Events;
using Chitin.Core.Sessions;
using Chitin.Core.Tools;
using Chitin.Security.Permissions;
using Chitin.Security.Redaction;
using Chitin.Security.Sandbox;
using Chitin.Security.Sandbox.Landlock;
using Chitin.Storage.Sqlite;
using Chitin.Testing.InProcess;
using Chitin.Tools;
using Chitin.Tools.Shell;

namespace Chitin.Integration.Tests;

/// <summary>
/// Hostile shell calls under --yes (every ask approved) with bubblewrap hidden: the real loop, the permission engine,
/// run_shell and the real chitin-landlock launcher under this kernel's Landlock. Nothing lands outside the workspace;
/// with Landlock hidden too, run_shell is refused rather than run unconfined.
/// </summary>
public sealed class HostileShellWithoutBubblewrapTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("chitin-hostile-shell-").FullName;
    private readonly string _workspace;
    private readonly string _outside;

    public HostileShellWithoutBubblewrapTests()
    {
        _workspace = Directory.CreateDirectory(Path.Combine(_root, "ws")).FullName;
        _outside = Directory.CreateDirectory(Path.Combine(_root, "outside")).FullName;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static BubblewrapSandbox HiddenBubblewrap => new(new BubblewrapOptions { ExecutablePath = "/nonexistent/bin/bwrap" });

    [Fact]
    public async Task With_bubblewrap_hidden_yes_cannot_write_outside_the_workspace()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var mark = "chitin-pwned-" + Guid.NewGuid().ToString("N");
        string[] escapes =
        [
            $"echo x > {_outside}/{mark}",
            $"echo x > ../outside/{mark}-dotdot",
            $"cp /etc/hostname {home}/{mark}",
            $"echo x > /tmp/{mark}",
            $"mkdir -p /var/tmp/{mark}",
            $"ln -s /etc {_outside}/{mark}-link",
            $"cd {_outside} && touch {mark}-cd",
            $"echo x | tee {_outside}/{mark}-tee",
            "echo inside > made-inside.txt",
        ];

        var results = await RunHostileAsync(new FirstAvailableSandbox(HiddenBubblewrap, new LandlockSandbox()), escapes);

        Assert.Empty(Directory.EnumerateFileSystemEntries(_outside));
        Assert.False(File.Exists(Path.Combine(home, mark)));
        Assert.False(File.Exists(Path.Combine("/tmp", mark)));
        Assert.False(Directory.Exists(Path.Combine("/var/tmp", mark)));
        Assert.Equal("inside\n", await File.ReadAllTextAsync(Path.Combine(_workspace, "made-inside.txt")));
        for (var i = 0; i < escapes.Length - 1; i++)
        {
            Assert.False(results[i].IsError, results[i].Text);
            Assert.DoesNotContain("Exit code 0 ", results[i].Text, StringComparison.Ordinal);
            Assert.Contains("ermission denied", results[i].Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task With_bubblewrap_and_landlock_hidden_yes_gets_run_shell_refused()
    {
        var hiddenLandlock = new LandlockSandbox(new LandlockOptions { LauncherPath = "/nonexistent/chitin-landlock" });

        var results = await RunHostileAsync(new FirstAvailableSandbox(HiddenBubblewrap, hiddenLandlock), [$"echo x > {_outside}/pwned"]);

        Assert.Empty(Directory.EnumerateFileSystemEntries(_outside));
        Assert.True(results[0].IsError);
        Assert.Contains("run_shell refused: no sandbox can run here", results[0].Text, StringComparison.Ordinal);
        Assert.Contains("apt-get install bubblewrap", results[0].Text, StringComparison.Ordinal);
        Assert.Contains("\"sandbox\": {\"mode\": \"off\"}", results[0].Text, StringComparison.Ordinal);
    }

    /// <summary>Runs each command as a run_shell call through the real loop with every ask approved (--yes).</summary>
    private async Task<List<SessionMessage>> RunHostileAsync(ICommandSandbox sandbox, IReadOnlyList<string> commands)
    {
        var turn = 0;
        var chat = new ScriptedChatClient((_, _) =>
        {
            var i = turn++;
            return i < commands.Count
                ? new ScriptedTurn { ToolCalls = [ScriptedTurn.Function("run_shell", JsonSerializer.Serialize(new Dictionary<string, string> { ["command"] = commands[i] }), "call_" + i)] }
                : ScriptedTurn.Say("done");
        });
        var engine = new PermissionEngine([PermissionDefaults.Layer], new PermissionEngineOptions { ApproveAsks = true, WorkingDirectory = _workspace });
        var tools = BuiltInTools.CreateDefault(new BuiltInToolOptions { Sandbox = sandbox, SandboxMode = SandboxMode.Preferred });
        try
        {
            await using var store = await SqliteChitinStore.OpenAsync(Path.Combine(_root, "chitin.db"), CancellationToken.None);
            var runner = new AgentRunner(chat, new ToolRegistry(tools), store, store, engine, new AgentRunnerOptions
            {
                ArtifactsRoot = Path.Combine(_root, "artifacts"),
                Redactor = new SecretRedactor(),
            });
            var events = new List<AgentEvent>();
            await foreach (var e in runner.RunAsync(new AgentRunRequest { Prompt = "escape", Model = "scripted-model", Workspace = _workspace, Limits = new AgentLimits { MaxSteps = 50 } }))
            {
                events.Add(e);
            }

            var result = Assert.IsType<RunCompleted>(events[^1]).Result;
            Assert.Equal(RunStatus.Done, result.Status);
            var messages = await store.LoadMessagesAsync(result.SessionId, CancellationToken.None);
            var byCall = messages.Where(m => m.Role == MessageRole.Tool).ToDictionary(m => m.ToolCallId!);
            return [.. commands.Select((_, i) => byCall["call_" + i])];
        }
        finally
        {
            foreach (var tool in tools.OfType<IDisposable>())
            {
                tool.Dispose();
            }
        }
    }
}
