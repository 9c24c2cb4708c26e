using System.Globalization;
using System.Text.Json;
using Chitin.Core.Hooks;
using Chitin.Security.Hooks;
using Chitin.Security.Tests.Support;

namespace Chitin.Security.Tests.Hooks;

public sealed class CommandHooksTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static HookDefinition Hook(string command, HookEvent hookEvent = HookEvent.BeforeTool, string matcher = "*", double timeoutSeconds = 30) =>
        new() { Event = hookEvent, Command = command, Matcher = matcher, Timeout = TimeSpan.FromSeconds(timeoutSeconds), Origin = "/repo/.chitin/config.json" };

    private HookRequest BeforeTool(string command = "rm -rf build", string tool = "run_shell") => new()
    {
        Event = HookEvent.BeforeTool,
        SessionId = "s-1",
        Agent = "coder",
        Workspace = _temp.Path,
        ToolName = tool,
        CallId = "call-7",
        Arguments = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, string> { ["command"] = command })).RootElement.Clone(),
    };

    private static ValueTask<HookOutcome> Run(CommandHooks hooks, HookRequest request) => hooks.RunAsync(request, CancellationToken.None);

    [Fact]
    public async Task A_hook_can_allow_with_json()
    {
        var outcome = await Run(new CommandHooks([Hook("""echo '{"decision":"allow","reason":"trusted build dir"}'""")]), BeforeTool());

        Assert.Equal(HookVerdict.Allow, outcome.Verdict);
        Assert.Equal("trusted build dir", outcome.Reason);
        Assert.Null(outcome.RewrittenArguments);
    }

    [Fact]
    public async Task A_hook_can_deny_with_json()
    {
        var outcome = await Run(new CommandHooks([Hook("""echo '{"decision":"deny","reason":"no deleting today"}'""")]), BeforeTool());

        Assert.Equal(new HookOutcome(HookVerdict.Deny, "no deleting today"), outcome);
    }

    [Fact]
    public async Task Exit_code_2_denies_with_stderr_as_the_reason()
    {
        var outcome = await Run(new CommandHooks([Hook("echo 'rm is blocked by policy' >&2; exit 2")]), BeforeTool());

        Assert.Equal(new HookOutcome(HookVerdict.Deny, "rm is blocked by policy"), outcome);
    }

    [Fact]
    public async Task Empty_output_continues()
    {
        var outcome = await Run(new CommandHooks([Hook("true")]), BeforeTool());

        Assert.Same(HookOutcome.Continue, outcome);
    }

    [Fact]
    public async Task The_hook_gets_the_request_as_snake_case_json_in_the_workspace_without_secrets()
    {
        var stdin = _temp.Combine("stdin.json");
        var environment = _temp.Combine("env.txt");
        var directory = _temp.Combine("pwd.txt");
        Environment.SetEnvironmentVariable("CHITIN_HOOKS_TEST_API_KEY", "sk-do-not-leak-0123456789");
        Environment.SetEnvironmentVariable("CHITIN_HOOKS_TEST_PLAIN", "plain-but-not-named");

        await Run(new CommandHooks([Hook($"cat > '{stdin}'; env > '{environment}'; pwd > '{directory}'")]), BeforeTool());

        using var request = JsonDocument.Parse(await File.ReadAllTextAsync(stdin));
        var root = request.RootElement;
        Assert.Equal("before_tool", root.GetProperty("event").GetString());
        Assert.Equal("s-1", root.GetProperty("session_id").GetString());
        Assert.Equal("coder", root.GetProperty("agent").GetString());
        Assert.Equal("run_shell", root.GetProperty("tool_name").GetString());
        Assert.Equal("call-7", root.GetProperty("call_id").GetString());
        Assert.Equal("rm -rf build", root.GetProperty("arguments").GetProperty("command").GetString());
        Assert.False(root.TryGetProperty("prompt", out _));

        var env = await File.ReadAllTextAsync(environment);
        Assert.DoesNotContain("sk-do-not-leak", env, StringComparison.Ordinal);
        Assert.DoesNotContain("plain-but-not-named", env, StringComparison.Ordinal);
        Assert.Contains("CHITIN_HOOK_EVENT=before_tool", env, StringComparison.Ordinal);
        Assert.Equal(_temp.Path, (await File.ReadAllTextAsync(directory)).Trim());
    }

    [Fact]
    public async Task A_hook_never_sees_the_provider_key_but_gets_the_variables_it_names()
    {
        var environment = _temp.Combine("env-named.txt");
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", "sk-hook-test-openai-0123456789");
        Environment.SetEnvironmentVariable("CHITIN_HOOKS_NAMED_TOKEN", "named-token-for-the-hook");
        var hook = Hook($"env > '{environment}'") with { EnvPassthrough = ["CHITIN_HOOKS_NAMED_TOKEN"] };

        await Run(new CommandHooks([hook]), BeforeTool());

        var env = await File.ReadAllTextAsync(environment);
        Assert.DoesNotContain("OPENAI_API_KEY", env, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-hook-test-openai", env, StringComparison.Ordinal);
        Assert.Contains("\nCHITIN_HOOKS_NAMED_TOKEN=named-token-for-the-hook\n", "\n" + env, StringComparison.Ordinal);
        Assert.Contains("\nPATH=", "\n" + env, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rewrites_apply_in_order_and_each_hook_sees_the_previous_rewrite()
    {
        var seenBySecond = _temp.Combine("second.json");
        var hooks = new CommandHooks(
        [
            Hook("""echo '{"decision":"continue","arguments":{"command":"rm -rf build --interactive"}}'"""),
            Hook($"cat > '{seenBySecond}'; echo '{{\"arguments\":{{\"command\":\"rm -ri build\"}}}}'"),
        ]);

        var outcome = await Run(hooks, BeforeTool());

        Assert.Equal(HookVerdict.Continue, outcome.Verdict);
        Assert.Equal("rm -ri build", outcome.RewrittenArguments!.Value.GetProperty("command").GetString());
        using var seen = JsonDocument.Parse(await File.ReadAllTextAsync(seenBySecond));
        Assert.Equal("rm -rf build --interactive", seen.RootElement.GetProperty("arguments").GetProperty("command").GetString());
    }

    [Fact]
    public async Task Deny_wins_at_once_and_later_hooks_do_not_run()
    {
        var marker = _temp.Combine("ran.txt");
        var hooks = new CommandHooks(
        [
            Hook("""echo '{"decision":"allow"}'"""),
            Hook("echo nope >&2; exit 2"),
            Hook($"touch '{marker}'"),
        ]);

        var outcome = await Run(hooks, BeforeTool());

        Assert.Equal(HookVerdict.Deny, outcome.Verdict);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Allow_beats_continue()
    {
        var hooks = new CommandHooks([Hook("true"), Hook("""echo '{"decision":"allow"}'"""), Hook("""echo '{"decision":"continue"}'""")]);

        Assert.Equal(HookVerdict.Allow, (await Run(hooks, BeforeTool())).Verdict);
    }

    [Fact]
    public async Task Matchers_select_tools()
    {
        var hooks = new CommandHooks([Hook("exit 2", matcher: "write_file|edit_file"), Hook("exit 2", matcher: "mcp__*")]);

        Assert.Equal(HookVerdict.Continue, (await Run(hooks, BeforeTool())).Verdict);
        Assert.Equal(HookVerdict.Deny, (await Run(hooks, BeforeTool(tool: "edit_file"))).Verdict);
        Assert.Equal(HookVerdict.Deny, (await Run(hooks, BeforeTool(tool: "mcp__github__create_issue"))).Verdict);
    }

    [Fact]
    public async Task Hooks_of_other_events_do_not_run()
    {
        var hooks = new CommandHooks([Hook("exit 2", HookEvent.UserPrompt)]);

        Assert.Equal(HookVerdict.Continue, (await Run(hooks, BeforeTool())).Verdict);
    }

    [Theory]
    [InlineData("echo oops >&2; exit 1", "exit code 1: oops")]
    [InlineData("echo 'this is not json'", "not valid JSON")]
    [InlineData("""echo '{"decision":"maybe"}'""", "unknown decision \"maybe\"")]
    [InlineData("""echo '{"arguments":"rm"}'""", "\"arguments\" must be a JSON object")]
    [InlineData("kill -9 $$", "exit code 137")]
    public async Task A_failing_before_tool_hook_fails_closed(string command, string why)
    {
        var outcome = await Run(new CommandHooks([Hook(command)]), BeforeTool());

        Assert.Equal(HookVerdict.Deny, outcome.Verdict);
        Assert.Contains("before_tool hook", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("/repo/.chitin/config.json", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains(why, outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_user_prompt_hook_fails_closed()
    {
        var request = new HookRequest { Event = HookEvent.UserPrompt, SessionId = "s", Prompt = "hello", Workspace = _temp.Path };

        var outcome = await Run(new CommandHooks([Hook("exit 3", HookEvent.UserPrompt)]), request);

        Assert.Equal(HookVerdict.Deny, outcome.Verdict);
        Assert.Contains("user_prompt hook \"exit 3\"", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_after_tool_hook_is_reported_and_skipped()
    {
        var warnings = new List<string>();
        var hooks = new CommandHooks([Hook("exit 1", HookEvent.AfterTool)], new CommandHooksOptions { Warning = warnings.Add });
        var request = BeforeTool() with { Event = HookEvent.AfterTool, ResultText = "done", IsError = false };

        var outcome = await Run(hooks, request);

        Assert.Equal(HookVerdict.Continue, outcome.Verdict);
        Assert.Contains("after_tool hook \"exit 1\"", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hook_that_times_out_fails_closed_and_its_whole_process_tree_is_killed()
    {
        var pidFile = _temp.Combine("grandchild.pid");
        var hooks = new CommandHooks([Hook($"sleep 300 & echo $! > '{pidFile}'; wait", timeoutSeconds: 1)]);

        var outcome = await Run(hooks, BeforeTool());

        Assert.Equal(HookVerdict.Deny, outcome.Verdict);
        Assert.Contains("timed out after 1 s", outcome.Reason, StringComparison.Ordinal);
        var grandchild = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), CultureInfo.InvariantCulture);
        Assert.True(await Poll.UntilAsync(() => Poll.ProcessIsGone(grandchild), TimeSpan.FromSeconds(10)), $"grandchild {grandchild} survived");
    }

    [Fact]
    public async Task A_detached_grandchild_holding_the_pipes_is_killed_on_timeout_too()
    {
        var pidFile = _temp.Combine("detached.pid");
        var hooks = new CommandHooks([Hook($"(sleep 300 & echo $! > '{pidFile}') ; sleep 300", timeoutSeconds: 1)]);

        var outcome = await Run(hooks, BeforeTool());

        Assert.Equal(HookVerdict.Deny, outcome.Verdict);
        var grandchild = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), CultureInfo.InvariantCulture);
        Assert.True(await Poll.UntilAsync(() => Poll.ProcessIsGone(grandchild), TimeSpan.FromSeconds(10)), $"detached grandchild {grandchild} survived");
    }

    [Fact]
    public async Task Cancelling_kills_the_hook_and_propagates()
    {
        var pidFile = _temp.Combine("cancel.pid");
        using var cancel = new CancellationTokenSource();
        var hooks = new CommandHooks([Hook($"echo $$ > '{pidFile}.tmp'; mv '{pidFile}.tmp' '{pidFile}'; exec sleep 300")]);
        var watcher = new FileSystemWatcher(_temp.Path, "cancel.pid") { EnableRaisingEvents = true };
        watcher.Created += (_, _) => cancel.Cancel();
        watcher.Renamed += (_, _) => cancel.Cancel();
        using (watcher)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await hooks.RunAsync(BeforeTool(), cancel.Token));
        }

        var pid = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), CultureInfo.InvariantCulture);
        Assert.True(await Poll.UntilAsync(() => Poll.ProcessIsGone(pid), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_hook_that_ignores_stdin_and_a_large_request_still_works()
    {
        var request = BeforeTool(new string('x', 512 * 1024));

        var outcome = await Run(new CommandHooks([Hook("""echo '{"decision":"allow"}'""")]), request);

        Assert.Equal(HookVerdict.Allow, outcome.Verdict);
    }
}
