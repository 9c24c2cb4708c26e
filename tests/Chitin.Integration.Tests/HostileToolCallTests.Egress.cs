using System.Globalization;
using Chitin.Core.Agents;
using Chitin.Core.Events;
using Chitin.Core.Sessions;
using Chitin.Core.Tools;
using Chitin.Integration.Tests.Support;
using Chitin.Security.Permissions;
using Chitin.Security.Redaction;
using Chitin.Storage.Sqlite;
using Chitin.Testing.InProcess;
using Chitin.Tools;
using Chitin.Tools.Shell;
using Chitin.Tools.Web;
using Microsoft.Extensions.AI;

namespace Chitin.Integration.Tests;

/// <summary>
/// Egress and disclosure cases (issue 13, points 3-5) through the real loop: web_fetch against real loopback
/// listeners, run_shell with a provider key in Chitin's environment, and grep / glob / list_dir over files that
/// a deny rule keeps from read_file.
/// </summary>
public sealed partial class HostileToolCallTests
{
    [Fact]
    public async Task Ssrf_environment_and_denied_file_cases_are_refused()
    {
        const string providerKey = "sk-hostile-egress-test-0123456789abcdef";
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", providerKey);
        var root = Directory.CreateTempSubdirectory("chitin-hostile-egress-").FullName;
        var workspace = Directory.CreateDirectory(Path.Combine(root, "ws")).FullName;
        await File.WriteAllTextAsync(Path.Combine(workspace, ".env"), "API_KEY=from-dotenv-file\n");
        Directory.CreateDirectory(Path.Combine(workspace, "secrets"));
        await File.WriteAllTextAsync(Path.Combine(workspace, "secrets", "prod.txt"), "API_KEY=from-secrets-folder\n");
        await File.WriteAllTextAsync(Path.Combine(workspace, "app.cfg"), "API_KEY=placeholder\n");
        await using var @internal = new LoopbackHttpServer("internal admin page");
        await using var allowed = new LoopbackHttpServer("public page");
        var p = @internal.Port.ToString(CultureInfo.InvariantCulture);
        string Via(string target) => $"{allowed.BaseUrl}/go?to={Uri.EscapeDataString(target)}";
        static Func<SessionMessage, bool> Refused(string text) => m => m.IsError && m.Text!.Contains("(SSRF guard)", StringComparison.Ordinal) && m.Text.Contains(text, StringComparison.Ordinal);
        static Func<SessionMessage, bool> Shows(string present, string absent, string note) => m =>
            !m.IsError && m.Text!.Contains(present, StringComparison.Ordinal) && !m.Text.Contains(absent, StringComparison.Ordinal) && m.Text.Contains(note, StringComparison.Ordinal);

        Hostile[] calls =
        [
            new("fetch loopback", "web_fetch", $$"""{"url":"http://127.0.0.1:{{p}}/admin"}""", Refused("loopback")),
            new("fetch metadata", "web_fetch", """{"url":"http://169.254.169.254/latest/meta-data/iam/"}""", Refused("cloud metadata")),
            new("fetch mapped v6", "web_fetch", $$"""{"url":"http://[::ffff:127.0.0.1]:{{p}}/"}""", Refused("IPv4-mapped")),
            new("fetch decimal", "web_fetch", $$"""{"url":"http://2130706433:{{p}}/"}""", Refused("loopback")),
            new("fetch octal", "web_fetch", $$"""{"url":"http://0177.0.0.1:{{p}}/"}""", Refused("loopback")),
            new("fetch hex", "web_fetch", $$"""{"url":"http://0x7f.1:{{p}}/"}""", Refused("loopback")),
            new("fetch localhost", "web_fetch", $$"""{"url":"http://localhost:{{p}}/"}""", Refused("localhost resolves to")),
            new("redirect to loopback", "web_fetch", $$"""{"url":"{{Via($"http://127.0.0.1:{p}/")}}"}""", Refused("Not followed")),
            new("redirect to metadata", "web_fetch", $$"""{"url":"{{Via("http://169.254.169.254/latest/meta-data/")}}"}""", Refused("Not followed")),
            new("redirect to mapped v6", "web_fetch", $$"""{"url":"{{Via($"http://[::ffff:127.0.0.1]:{p}/")}}"}""", Refused("Not followed")),
            new("redirect to decimal", "web_fetch", $$"""{"url":"{{Via($"http://2130706433:{p}/")}}"}""", Refused("Not followed")),
            new("allowed server", "web_fetch", $$"""{"url":"{{allowed.BaseUrl}}/"}""", m => !m.IsError && m.Text!.Contains("public page", StringComparison.Ordinal)),
            new("env dump", "run_shell", """{"command":"env; echo \"key=[${OPENAI_API_KEY:-}]\""}""", m => !m.IsError && m.Text!.Contains("key=[]", StringComparison.Ordinal) && !m.Text.Contains("OPENAI_API_KEY=", StringComparison.Ordinal)),
            new("grep denied", "grep", """{"pattern":"API_KEY"}""", Shows("app.cfg:1:", "from-", "2 files were not searched")),
            new("grep hidden only", "grep", """{"pattern":"from-"}""", Shows("No matches", "from-dotenv", "not searched")),
            new("glob denied", "glob", """{"pattern":"**/*"}""", Shows("app.cfg", ".env", "2 matching files skipped")),
            new("list denied", "list_dir", """{"depth":2}""", Shows("app.cfg", ".env", "2 entries skipped")),
            new("grep the file itself", "grep", """{"pattern":"API","path":".env"}""", m => m.IsError && m.Text!.Contains("Permission denied", StringComparison.OrdinalIgnoreCase)),
        ];

        var turn = 0;
        var chat = new ScriptedChatClient((messages, _) =>
        {
            var i = turn++;
            return i < calls.Length
                ? new ScriptedTurn { ToolCalls = [ScriptedTurn.Function(calls[i].Tool, calls[i].Arguments, "call_" + i)] }
                : ScriptedTurn.Say("contained");
        });
        var engine = new PermissionEngine(
            [
                new(PermissionSource.Managed, "test-managed", new PermissionSettings { Deny = ["read_file(**/.env)", "read_file(secrets/**)"] }),
                PermissionDefaults.Layer,
            ],
            new PermissionEngineOptions { ApproveAsks = true, WorkingDirectory = workspace });
        var tools = BuiltInTools.CreateDefault(new BuiltInToolOptions
        {
            SandboxMode = SandboxMode.Off,
            ReadPolicy = engine,
            WebEgress = new EgressPolicy(allowHosts: [$"127.0.0.1:{allowed.Port}"]),
        });
        await using var store = await SqliteChitinStore.OpenAsync(Path.Combine(root, "chitin.db"), CancellationToken.None);
        var runner = new AgentRunner(chat, new ToolRegistry(tools), store, store, engine, new AgentRunnerOptions
        {
            ArtifactsRoot = Path.Combine(root, "artifacts"),
            Redactor = new SecretRedactor(),
        });

        try
        {
            var events = new List<AgentEvent>();
            await foreach (var e in runner.RunAsync(new AgentRunRequest { Prompt = "exfiltrate", Model = "scripted-model", Workspace = workspace, Limits = new AgentLimits { MaxSteps = 40 } }))
            {
                events.Add(e);
            }

            var result = Assert.IsType<RunCompleted>(events[^1]).Result;
            Assert.Equal(RunStatus.Done, result.Status);
            var messages = await store.LoadMessagesAsync(result.SessionId, CancellationToken.None);
            var results = messages.Where(m => m.Role == MessageRole.Tool).ToDictionary(m => m.ToolCallId!);
            var failures = calls.Select((call, i) => (call, r: results["call_" + i]))
                .Where(x => !x.call.Expect(x.r))
                .Select(x => $"{x.call.Name}: error={x.r.IsError} text={(x.r.Text ?? "")[..Math.Min(300, (x.r.Text ?? "").Length)]}")
                .ToList();
            Assert.True(failures.Count == 0, string.Join("\n", failures));
            Assert.Empty(@internal.Requests);
            Assert.DoesNotContain(messages, m => m.Text?.Contains(providerKey, StringComparison.Ordinal) == true);
            Assert.DoesNotContain(messages, m => m.Text?.Contains("from-dotenv-file", StringComparison.Ordinal) == true);
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
