using Chitin.Core.Agents;
using Chitin.Core.Events;
using Chitin.Core.Sessions;
using Chitin.Core.Tools;
using Chitin.Security.Permissions;
using Chitin.Security.Redaction;
using Chitin.Security.Sandbox;
using Chitin.Storage.Sqlite;
using Chitin.Testing.InProcess;
using Chitin.Tools;
using Chitin.Tools.Shell;
using Microsoft.Extensions.AI;

namespace Chitin.Integration.Tests;

/// <summary>
/// Malicious and malformed tool calls through the real loop, real tools, the permission engine, the bubblewrap
/// sandbox (when present) and secret redaction. Each is refused or handled with a clear message; the run goes on
/// and the session stays consistent.
/// </summary>
public sealed partial class HostileToolCallTests
{
    private sealed record Hostile(string Name, string Tool, string Arguments, Func<SessionMessage, bool> Expect);

    private static bool Error(SessionMessage m) => m.IsError && !string.IsNullOrWhiteSpace(m.Text);

    private static Func<SessionMessage, bool> ErrorSaying(string text) => m => m.IsError && m.Text!.Contains(text, StringComparison.OrdinalIgnoreCase);

    private static Func<SessionMessage, bool> Saying(string text) => m => m.Text!.Contains(text, StringComparison.OrdinalIgnoreCase);

    [Fact]
    public async Task Thirty_plus_hostile_calls_are_each_refused_or_handled_and_the_session_stays_consistent()
    {
        var root = Directory.CreateTempSubdirectory("chitin-hostile-").FullName;
        var workspace = Directory.CreateDirectory(Path.Combine(root, "ws")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(root, "outside")).FullName;
        await File.WriteAllTextAsync(Path.Combine(outside, "secret.txt"), "top secret");
        File.CreateSymbolicLink(Path.Combine(workspace, "escape"), outside);
        await File.WriteAllBytesAsync(Path.Combine(workspace, "blob.bin"), [0, 1, 2, 0, 255, 0, 7]);
        await File.WriteAllTextAsync(Path.Combine(workspace, "a.txt"), "alpha\n");
        var tenMb = new string('A', 10 * 1024 * 1024);
        const string fakeKey = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd";

        Hostile[] calls =
        [
            new("dotdot read", "read_file", """{"path":"../outside/secret.txt"}""", Error),
            new("absolute read outside", "read_file", "{\"path\":\"" + Path.Combine(outside, "secret.txt") + "\"}", Error),
            new("etc shadow", "read_file", """{"path":"/etc/shadow"}""", Error),
            new("symlink escape", "read_file", """{"path":"escape/secret.txt"}""", Error),
            new("device file", "read_file", """{"path":"/dev/zero"}""", Error),
            new("proc mem", "read_file", """{"path":"/proc/self/environ"}""", Error),
            new("binary file", "read_file", """{"path":"blob.bin"}""", Error),
            new("wrong type path", "read_file", """{"path":5}""", Error),
            new("wrong type offset", "read_file", """{"path":"a.txt","offset":"ten"}""", Error),
            new("missing args", "read_file", "{}", Error),
            new("nul in path", "read_file", """{"path":"a.txt\u0000.png"}""", Error),
            new("10 MB path", "read_file", "{\"path\":\"" + tenMb + "\"}", Error),
            new("tilde", "read_file", """{"path":"~/.ssh/id_rsa"}""", Error),
            new("write outside", "write_file", """{"path":"../outside/pwned.txt","content":"x"}""", Error),
            new("write via symlink", "write_file", """{"path":"escape/pwned.txt","content":"x"}""", Error),
            new("write proc", "write_file", """{"path":"/proc/self/mem","content":"x"}""", Error),
            new("write empty path", "write_file", """{"path":"","content":"x"}""", Error),
            new("write 10 MB", "write_file", "{\"path\":\"big.txt\",\"content\":\"" + tenMb + "\"}", m => !m.IsError),
            new("edit no match", "edit_file", """{"path":"a.txt","edits":[{"old":"omega","new":"x"}]}""", Error),
            new("edit wrong shape", "edit_file", """{"path":"a.txt","edits":"all"}""", Error),
            new("list root", "list_dir", """{"path":"/"}""", Error),
            new("grep bad regex", "grep", """{"pattern":"(unclosed"}""", Error),
            new("grep catastrophic", "grep", """{"pattern":"(a+)+$"}""", m => !string.IsNullOrEmpty(m.Text)),
            new("glob escape", "glob", """{"pattern":"../**/*"}""", m => !m.Text!.Contains("secret.txt", StringComparison.Ordinal)),
            new("rm -rf denied", "run_shell", """{"command":"rm -rf /"}""", ErrorSaying("Permission denied")),
            new("compound with rm", "run_shell", """{"command":"ls; rm -rf ~"}""", ErrorSaying("Permission denied")),
            new("hidden rm in subshell", "run_shell", """{"command":"echo $(rm -rf /tmp/x)"}""", ErrorSaying("Permission denied")),
            new("negative timeout", "run_shell", """{"command":"true","timeout_s":-5}""", Error),
            new("timeout wrong type", "run_shell", """{"command":"true","timeout_s":"soon"}""", Error),
            new("runaway command", "run_shell", """{"command":"sleep 100","timeout_s":1}""", Saying("timed out")),
            new("huge output", "run_shell", """{"command":"yes chitin | head -c 3000000"}""", Saying("Saved in full")),
            new("invalid utf8 output", "run_shell", """{"command":"printf 'ok \\xff\\xfe\\n'"}""", m => !m.IsError && m.Text!.Contains("ok", StringComparison.Ordinal)),
            new("secret in output", "run_shell", "{\"command\":\"echo key=" + fakeKey + "\"}", m => !m.Text!.Contains(fakeKey, StringComparison.Ordinal) && m.Text.Contains("REDACTED", StringComparison.Ordinal)),
            new("write outside via shell", "run_shell", "{\"command\":\"echo x > " + Path.Combine(outside, "shell.txt") + "\"}", m => !File.Exists(Path.Combine(outside, "shell.txt")) || !new BubblewrapSandbox().IsAvailable),
            new("unknown job", "shell_output", """{"job_id":"nope"}""", Error),
            new("file url", "web_fetch", """{"url":"file:///etc/passwd"}""", Error),
            new("closed port", "web_fetch", """{"url":"http://127.0.0.1:1/"}""", Error),
            new("two in progress", "todo", """{"todos":[{"content":"a","status":"in_progress"},{"content":"b","status":"in_progress"}]}""", Error),
            new("no user", "ask_user", """{"question":"rm -rf?"}""", Error),
            new("unknown tool", "rm_everything", "{}", ErrorSaying("Unknown tool")),
            new("path-like tool name", "../read_file", "{}", ErrorSaying("Unknown tool")),
            new("broken json", "read_file", """{"path": "a.txt" """, ErrorSaying("not valid JSON")),
            new("array arguments", "read_file", "[1,2,3]", Error),
        ];

        var turn = 0;
        var chat = new ScriptedChatClient((messages, _) =>
        {
            if (messages[0].Text.StartsWith("You compact", StringComparison.Ordinal))
            {
                return ScriptedTurn.Say("## Goal\nSurvive hostile calls.");
            }

            var i = turn++;
            return i < calls.Length
                ? new ScriptedTurn { ToolCalls = [ScriptedTurn.Function(calls[i].Tool, calls[i].Arguments, "call_" + i)] }
                : ScriptedTurn.Say("survived");
        });
        var engine = new PermissionEngine(
            [
                new(PermissionSource.Managed, "test-managed", new PermissionSettings { Deny = ["run_shell(rm -rf*)", "read_file(~/.ssh/**)"] }),
                PermissionDefaults.Layer,
            ],
            new PermissionEngineOptions { ApproveAsks = true, WorkingDirectory = workspace });
        var sandbox = SandboxSelector.Select(SandboxPolicy.Preferred, new BubblewrapSandbox());
        var tools = BuiltInTools.CreateDefault(new BuiltInToolOptions { Sandbox = sandbox.Sandbox, SandboxMode = sandbox.Sandbox is null ? SandboxMode.Off : SandboxMode.Required });
        await using var store = await SqliteChitinStore.OpenAsync(Path.Combine(root, "chitin.db"), CancellationToken.None);
        var runner = new AgentRunner(chat, new ToolRegistry(tools), store, store, engine, new AgentRunnerOptions
        {
            ArtifactsRoot = Path.Combine(root, "artifacts"),
            Redactor = new SecretRedactor(),
        });

        try
        {
            var events = new List<AgentEvent>();
            await foreach (var e in runner.RunAsync(new AgentRunRequest { Prompt = "be evil", Model = "scripted-model", Workspace = workspace, Limits = new AgentLimits { MaxSteps = 100 } }))
            {
                events.Add(e);
            }

            var result = Assert.IsType<RunCompleted>(events[^1]).Result;
            Assert.Equal(RunStatus.Done, result.Status);
            Assert.Equal("survived", result.FinalText);
            Assert.True(calls.Length >= 30);

            var messages = await store.LoadMessagesAsync(result.SessionId, CancellationToken.None);
            var results = messages.Where(m => m.Role == MessageRole.Tool).ToDictionary(m => m.ToolCallId!);
            Assert.Equal(calls.Length, results.Count);
            var failures = new List<string>();
            for (var i = 0; i < calls.Length; i++)
            {
                var r = results["call_" + i];
                if (!calls[i].Expect(r))
                {
                    failures.Add($"{calls[i].Name}: error={r.IsError} text={(r.Text ?? "")[..Math.Min(200, (r.Text ?? "").Length)]}");
                }

                Assert.True(r.Text!.Length < 70_000, $"{calls[i].Name} put {r.Text!.Length} chars in context");
            }

            Assert.True(failures.Count == 0, string.Join("\n", failures));
            Assert.False(File.Exists(Path.Combine(outside, "pwned.txt")));
            Assert.Equal("top secret", await File.ReadAllTextAsync(Path.Combine(outside, "secret.txt")));
            Assert.DoesNotContain(messages, m => m.Text?.Contains(fakeKey, StringComparison.Ordinal) == true);
        }
        finally
        {
            foreach (var tool in tools.OfType<IDisposable>())
            {
                tool.Dispose();
            }

            Directory.Delete(root, recursive: true);
        }
    }
}
