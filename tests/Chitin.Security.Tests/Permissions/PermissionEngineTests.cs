using Chitin.Core.Permissions;
using Chitin.Core.Tools;
using Chitin.Security.Permissions;
using Chitin.Security.Tests.Support;

namespace Chitin.Security.Tests.Permissions;

public sealed class PermissionEngineTests : IDisposable
{
    private const string ManagedFile = "/etc/chitin/managed.json";
    private readonly TempDirectory _temp = new();
    private readonly string _home;
    private readonly string _workspace;

    public PermissionEngineTests()
    {
        _home = _temp.CreateDirectory("home", "u");
        _workspace = _temp.CreateDirectory("work", "proj");
        Directory.CreateDirectory(Path.Combine(_home, ".ssh"));
        File.WriteAllText(Path.Combine(_home, ".ssh", "id_rsa"), "key");
        Directory.CreateDirectory(Path.Combine(_workspace, "src"));
    }

    public void Dispose() => _temp.Dispose();

    private static PermissionLayer Layer(PermissionSource source, string[]? allow = null, string[]? ask = null, string[]? deny = null, PermissionMode? mode = null, string? origin = null) =>
        new(source, origin ?? (source == PermissionSource.Managed ? ManagedFile : $"/{source}.json"), new PermissionSettings
        {
            Allow = allow ?? [],
            Ask = ask ?? [],
            Deny = deny ?? [],
            Mode = mode,
        });

    private PermissionEngine Engine(PermissionEngineOptions? options, params PermissionLayer[] layers) =>
        new(layers, (options ?? new PermissionEngineOptions()) with { HomeDirectory = _home, WorkingDirectory = _workspace });

    private PermissionEngine Engine(params PermissionLayer[] layers) => Engine(null, layers);

    private static async Task<ToolApproval> Approve(PermissionEngine engine, ToolApprovalRequest request) =>
        await engine.ApproveAsync(request, CancellationToken.None);

    private static Func<PermissionPrompt, CancellationToken, ValueTask<PermissionAnswer>> NeverAsked =>
        (prompt, _) => throw new InvalidOperationException($"Nobody should be asked about {prompt.Summary}.");

    [Fact]
    public async Task A_managed_deny_cannot_be_loosened_by_any_lower_layer()
    {
        var engine = Engine(
            new PermissionEngineOptions { ApproveAsks = true },
            Layer(PermissionSource.Managed, deny: ["run_shell(rm -rf*)"]),
            Layer(PermissionSource.CommandLine, allow: ["run_shell"], origin: "--allow"),
            Layer(PermissionSource.Project, allow: ["run_shell(rm -rf*)"]),
            Layer(PermissionSource.User, allow: ["run_shell(rm*)"], mode: PermissionMode.Unrestricted));

        var approval = await Approve(engine, Calls.Shell("rm -rf build", _workspace, preApproved: true));

        Assert.False(approval.Allowed);
        Assert.Equal($"deny run_shell(rm -rf*) [managed: {ManagedFile}]", approval.Rule);
        Assert.Contains("denied by deny run_shell(rm -rf*)", approval.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deny_wins_over_allow_whatever_the_layers()
    {
        var engine = Engine(
            Layer(PermissionSource.Managed, allow: ["run_shell(git*)"]),
            Layer(PermissionSource.Defaults, deny: ["run_shell(git push*)"], origin: "built-in"));

        Assert.False((await Approve(engine, Calls.Shell("git push origin main", _workspace))).Allowed);
        Assert.True((await Approve(engine, Calls.Shell("git fetch", _workspace))).Allowed);
    }

    [Fact]
    public async Task Ask_wins_over_allow_whatever_the_layers()
    {
        var asked = new List<PermissionPrompt>();
        var engine = Engine(
            new PermissionEngineOptions { Prompt = (p, _) => { asked.Add(p); return ValueTask.FromResult(PermissionAnswer.Yes); } },
            Layer(PermissionSource.CommandLine, allow: ["run_shell(git*)"], origin: "--allow"),
            Layer(PermissionSource.Project, ask: ["run_shell(git push*)"]));

        var approval = await Approve(engine, Calls.Shell("git push", _workspace));

        Assert.True(approval.Allowed);
        var prompt = Assert.Single(asked);
        Assert.Equal("ask run_shell(git push*) [project: /Project.json]", prompt.Reason);
        Assert.Equal(["git push"], prompt.SessionKeys);
        Assert.Equal("tester", prompt.Agent);
        Assert.Equal("ask run_shell(git push*) [project: /Project.json] → approved by the user", approval.Rule);
    }

    [Fact]
    public async Task An_allow_rule_runs_without_asking()
    {
        var engine = Engine(new PermissionEngineOptions { Prompt = NeverAsked }, Layer(PermissionSource.Project, allow: ["run_shell(git status*)"]));

        var approval = await Approve(engine, Calls.Shell("git status --short", _workspace));

        Assert.True(approval.Allowed);
        Assert.Equal("allow run_shell(git status*) [project: /Project.json]", approval.Rule);
    }

    [Fact]
    public async Task Without_a_prompt_an_ask_is_denied_with_advice()
    {
        var engine = Engine(Layer(PermissionSource.User));

        var approval = await Approve(engine, Calls.Shell("make test", _workspace));

        Assert.False(approval.Allowed);
        Assert.Equal("needs approval: run interactively or pass --yes, or add an allow rule like run_shell(make test*)", approval.Reason);
        Assert.Equal("mode default [built-in]", approval.Rule);
    }

    [Fact]
    public async Task Default_mode_allows_reads_in_the_workspace_and_asks_for_everything_else()
    {
        var engine = Engine();

        Assert.True((await Approve(engine, Calls.File(DescribedTool.ReadFile, "src/a.cs", _workspace))).Allowed);
        Assert.True((await Approve(engine, Calls.Request(DescribedTool.ListDir, "{}", _workspace))).Allowed);
        Assert.False((await Approve(engine, Calls.File(DescribedTool.ReadFile, "/etc/hostname", _workspace))).Allowed);
        Assert.False((await Approve(engine, Calls.File(DescribedTool.WriteFile, "src/a.cs", _workspace))).Allowed);
        Assert.False((await Approve(engine, Calls.Shell("ls", _workspace))).Allowed);
        Assert.False((await Approve(engine, Calls.Fetch("https://example.com/", _workspace))).Allowed);
    }

    [Fact]
    public async Task Reads_in_an_additional_or_allowed_directory_count_as_inside()
    {
        var shared = _temp.CreateDirectory("shared");
        var engine = new PermissionEngine(
            [new PermissionLayer(PermissionSource.User, "/u.json", new PermissionSettings { AdditionalDirectories = [shared] })],
            new PermissionEngineOptions { HomeDirectory = _home });
        var other = _temp.CreateDirectory("other");

        Assert.Equal([shared], engine.AdditionalDirectories);
        Assert.True((await Approve(engine, Calls.File(DescribedTool.ReadFile, Path.Combine(shared, "x"), _workspace))).Allowed);
        Assert.False((await Approve(engine, Calls.File(DescribedTool.ReadFile, Path.Combine(other, "x"), _workspace))).Allowed);
        var viaContext = Calls.Request(DescribedTool.ReadFile, $$"""{"path": "{{Path.Combine(other, "x")}}"}""", _workspace, allowedDirectories: [other]);
        Assert.True((await Approve(engine, viaContext)).Allowed);
    }

    [Fact]
    public async Task AcceptEdits_allows_edits_inside_the_workspace_only_and_still_asks_for_commands()
    {
        var engine = Engine(Layer(PermissionSource.CommandLine, mode: PermissionMode.AcceptEdits, origin: "--mode"));

        var inside = await Approve(engine, Calls.File(DescribedTool.WriteFile, "src/new.cs", _workspace));
        Assert.True(inside.Allowed);
        Assert.Equal("mode acceptEdits [cli: --mode]", inside.Rule);
        Assert.True((await Approve(engine, Calls.File(DescribedTool.EditFile, "src/new.cs", _workspace))).Allowed);
        Assert.False((await Approve(engine, Calls.File(DescribedTool.WriteFile, "../elsewhere.txt", _workspace))).Allowed);
        Assert.False((await Approve(engine, Calls.File(DescribedTool.WriteFile, "~/.bashrc", _workspace))).Allowed);
        Assert.False((await Approve(engine, Calls.Shell("make", _workspace))).Allowed);
    }

    [Fact]
    public async Task Plan_mode_denies_every_tool_that_is_not_read_only_even_when_allowed_or_approved()
    {
        var engine = Engine(
            new PermissionEngineOptions { ApproveAsks = true },
            Layer(PermissionSource.Project, allow: ["write_file", "run_shell"], mode: PermissionMode.Plan));

        var write = await Approve(engine, Calls.File(DescribedTool.WriteFile, "src/a.cs", _workspace));
        var shell = await Approve(engine, Calls.Shell("ls", _workspace, preApproved: true));

        Assert.False(write.Allowed);
        Assert.Equal("plan mode: read-only", write.Reason);
        Assert.False(shell.Allowed);
        Assert.Equal("plan mode: read-only", shell.Reason);
        Assert.True((await Approve(engine, Calls.File(DescribedTool.ReadFile, "src/a.cs", _workspace))).Allowed);
    }

    [Fact]
    public async Task Unrestricted_mode_allows_what_is_not_denied_or_explicitly_asked()
    {
        var engine = Engine(
            Layer(PermissionSource.User, mode: PermissionMode.Unrestricted, deny: ["run_shell(curl*)"], ask: ["run_shell(git push*)"]));

        Assert.True((await Approve(engine, Calls.Shell("make install", _workspace))).Allowed);
        Assert.True((await Approve(engine, Calls.File(DescribedTool.WriteFile, "/tmp/anything", _workspace))).Allowed);
        Assert.False((await Approve(engine, Calls.Shell("curl http://127.0.0.1/", _workspace))).Allowed);
        Assert.StartsWith("needs approval", (await Approve(engine, Calls.Shell("git push", _workspace))).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_highest_layer_that_sets_a_mode_wins()
    {
        var engine = Engine(
            Layer(PermissionSource.User, mode: PermissionMode.Plan),
            Layer(PermissionSource.Project),
            Layer(PermissionSource.CommandLine, mode: PermissionMode.AcceptEdits, origin: "--mode"));

        Assert.Equal(PermissionMode.AcceptEdits, engine.Mode);
        Assert.Equal(PermissionMode.Default, Engine().Mode);
    }

    [Fact]
    public void Managed_policy_can_forbid_unrestricted_mode()
    {
        var managed = new PermissionLayer(PermissionSource.Managed, ManagedFile, new PermissionSettings { DisableUnrestrictedMode = true });

        var error = Assert.Throws<PermissionConfigurationException>(() =>
            Engine(managed, Layer(PermissionSource.CommandLine, mode: PermissionMode.Unrestricted, origin: "--mode")));

        Assert.Contains($"disabled by managed: {ManagedFile}", error.Message, StringComparison.Ordinal);
        Assert.Contains("cli: --mode chose it", error.Message, StringComparison.Ordinal);
        Assert.Equal(PermissionMode.Plan, Engine(managed, Layer(PermissionSource.User, mode: PermissionMode.Plan)).Mode);
    }

    [Fact]
    public void An_invalid_rule_in_a_layer_names_the_rule_and_the_layer()
    {
        var error = Assert.Throws<PermissionConfigurationException>(() =>
            Engine(Layer(PermissionSource.CommandLine, deny: ["run_shell(rm"], origin: "--deny")));

        Assert.Contains("\"run_shell(rm\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("permissions.deny[0] of cli: --deny", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("git status && git status -s", true)]
    [InlineData("git status; ls -la", true)]
    [InlineData("git status && rm -rf x", false)]
    [InlineData("git status | sh", false)]
    [InlineData("git status $(touch x)", false)]
    [InlineData("git status `touch x`", false)]
    [InlineData("git status > ~/.bashrc", false)]
    [InlineData("git status 2>/dev/null", true)]
    [InlineData("git statusx", false)]
    [InlineData("PAGER='sh -c evil' git status", false)]
    [InlineData("git status 'unterminated", false)]
    [InlineData("npm run test", true)]
    [InlineData("npm run test:unit --watch", true)]
    [InlineData("npm run testing", false)]
    public async Task A_compound_command_is_allowed_only_when_every_part_is(string command, bool allowed)
    {
        var engine = Engine(Layer(PermissionSource.Project, allow: ["run_shell(git status*)", "run_shell(ls*)", "run_shell(npm run test:*)"]));

        Assert.Equal(allowed, (await Approve(engine, Calls.Shell(command, _workspace))).Allowed);
    }

    [Theory]
    [InlineData("echo hi; rm -rf /")]
    [InlineData("echo $(rm -rf /)")]
    [InlineData("ls && sudo rm -rf /")]
    [InlineData("'rm' -rf /")]
    [InlineData("rm -rfv /")]
    [InlineData("bash -c 'rm -rf /'")]
    [InlineData("FOO=1 rm -rf /")]
    public async Task A_compound_command_is_denied_when_any_part_is(string command)
    {
        var engine = Engine(
            new PermissionEngineOptions { ApproveAsks = true },
            Layer(PermissionSource.Managed, deny: ["run_shell(rm -rf*)"]),
            Layer(PermissionSource.Project, allow: ["run_shell"]));

        var approval = await Approve(engine, Calls.Shell(command, _workspace));

        Assert.False(approval.Allowed);
        Assert.StartsWith("deny run_shell(rm -rf*)", approval.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../home/u/.ssh/id_rsa")]
    [InlineData("~/.ssh/id_rsa")]
    [InlineData("src/../../../home/u/./.ssh//id_rsa")]
    [InlineData("~/.ssh")]
    public async Task Path_tricks_cannot_dodge_a_deny(string path)
    {
        var engine = Engine(
            new PermissionEngineOptions { ApproveAsks = true },
            Layer(PermissionSource.Managed, deny: ["read_file(~/.ssh/**)"]),
            Layer(PermissionSource.User, allow: ["read_file", "grep"]));

        var read = await Approve(engine, Calls.File(DescribedTool.ReadFile, path, _workspace));
        var grep = await Approve(engine, Calls.File(DescribedTool.Grep, path, _workspace));

        Assert.False(read.Allowed);
        Assert.False(grep.Allowed);
        Assert.Equal($"deny read_file(~/.ssh/**) [managed: {ManagedFile}]", read.Rule);
    }

    [Fact]
    public async Task A_symbolic_link_in_the_workspace_cannot_dodge_a_deny()
    {
        File.CreateSymbolicLink(Path.Combine(_workspace, "keys"), Path.Combine(_home, ".ssh"));
        var engine = Engine(
            new PermissionEngineOptions { ApproveAsks = true },
            Layer(PermissionSource.Managed, deny: ["read_file(~/.ssh/**)"]));

        var approval = await Approve(engine, Calls.File(DescribedTool.ReadFile, "keys/id_rsa", _workspace));

        Assert.False(approval.Allowed);
        Assert.False((await Approve(Engine(), Calls.File(DescribedTool.ReadFile, "keys/id_rsa", _workspace))).Allowed);
    }

    [Theory]
    [InlineData("src/app/main.cs", true)]
    [InlineData("src", true)]
    [InlineData("src/../README.md", false)]
    [InlineData("src/../../proj-other/src/x.cs", false)]
    [InlineData("lib/x.cs", false)]
    public async Task Relative_file_rules_are_taken_from_the_workspace(string path, bool allowed)
    {
        var engine = Engine(Layer(PermissionSource.Project, allow: ["write_file(src/**)"]));

        Assert.Equal(allowed, (await Approve(engine, Calls.File(DescribedTool.WriteFile, path, _workspace))).Allowed);
    }

    [Fact]
    public async Task An_edit_rule_covers_every_editing_tool()
    {
        var engine = Engine(new PermissionEngineOptions { ApproveAsks = true }, Layer(PermissionSource.Managed, deny: ["edit_file(/etc/**)"]));

        Assert.False((await Approve(engine, Calls.File(DescribedTool.WriteFile, "/etc/passwd", _workspace))).Allowed);
        Assert.False((await Approve(engine, Calls.File(DescribedTool.EditFile, "/etc/ssh/sshd_config", _workspace))).Allowed);
        Assert.True((await Approve(engine, Calls.File(DescribedTool.WriteFile, "/tmp/x", _workspace))).Allowed);
    }

    [Fact]
    public async Task A_rule_follows_the_subject_a_tool_declares_not_its_name()
    {
        // A tool the engine has never heard of, declaring a read path under another argument name.
        var viewer = new DescribedTool("view_image", ToolTraits.ReadOnly, ToolSubject.ReadPath("file"));
        var tools = new ToolRegistry([viewer, DescribedTool.ReadFile]);
        var engine = Engine(new PermissionEngineOptions { ApproveAsks = true }, Layer(PermissionSource.Managed, deny: ["read_file(~/.ssh/**)"]));

        var secret = Calls.Request(viewer, """{"file":"~/.ssh/id_rsa"}""", _workspace) with { Tools = tools };
        var harmless = Calls.Request(viewer, """{"file":"pictures/cat.png"}""", _workspace) with { Tools = tools };

        Assert.False((await Approve(engine, secret)).Allowed);
        Assert.True((await Approve(engine, harmless)).Allowed);
    }

    [Fact]
    public async Task A_pattern_rule_on_a_tool_without_a_subject_denies_every_call_and_allows_none()
    {
        var tracker = new DescribedTool("mcp__github__create_issue", ToolTraits.Network);
        var denying = Engine(new PermissionEngineOptions { ApproveAsks = true }, Layer(PermissionSource.Managed, deny: ["mcp__github__create_issue(repo:x)"]));
        var allowing = Engine(Layer(PermissionSource.Project, allow: ["mcp__github__create_issue(repo:x)"]));

        Assert.False((await Approve(denying, Calls.Request(tracker, """{"repo":"y"}""", _workspace))).Allowed);
        Assert.False((await Approve(allowing, Calls.Request(tracker, """{"repo":"x"}""", _workspace))).Allowed);
    }

    [Fact]
    public async Task A_link_loop_is_never_inside_the_workspace()
    {
        var a = Path.Join(_workspace, "a");
        File.CreateSymbolicLink(a, Path.Join(_workspace, "b"));
        File.CreateSymbolicLink(Path.Join(_workspace, "b"), a);

        var approval = await Approve(Engine(), Calls.File(DescribedTool.ReadFile, "a/file.txt", _workspace));

        Assert.False(approval.Allowed);
    }

    [Theory]
    [InlineData("https://example.com/page", true)]
    [InlineData("https://api.example.com/v1", true)]
    [InlineData("https://EXAMPLE.com", true)]
    [InlineData("https://example.com.evil.net/", false)]
    [InlineData("https://notexample.com/", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("not a url", false)]
    public async Task Domain_rules_match_the_host_and_its_subdomains(string url, bool allowed)
    {
        var engine = Engine(Layer(PermissionSource.Project, allow: ["web_fetch(domain:example.com)"]));

        Assert.Equal(allowed, (await Approve(engine, Calls.Fetch(url, _workspace))).Allowed);
    }

    [Fact]
    public async Task A_domain_deny_beats_a_broader_allow()
    {
        var engine = Engine(Layer(PermissionSource.Project, allow: ["web_fetch"], deny: ["web_fetch(domain:internal.example.com)"]));

        Assert.True((await Approve(engine, Calls.Fetch("https://example.com/", _workspace))).Allowed);
        Assert.False((await Approve(engine, Calls.Fetch("https://wiki.internal.example.com/", _workspace))).Allowed);
    }

    [Fact]
    public async Task Tool_name_wildcards_match_tool_names()
    {
        var engine = Engine(Layer(PermissionSource.Project, allow: ["mcp__github__*"]));
        var github = new DescribedTool("mcp__github__create_issue", ToolTraits.Network);
        var gitlab = new DescribedTool("mcp__gitlab__create_issue", ToolTraits.Network);

        Assert.True((await Approve(engine, Calls.Request(github, "{}", _workspace))).Allowed);
        Assert.False((await Approve(engine, Calls.Request(gitlab, "{}", _workspace))).Allowed);
    }

    [Fact]
    public async Task Always_for_session_remembers_the_command_for_that_session_only()
    {
        var prompts = new List<PermissionPrompt>();
        var engine = Engine(new PermissionEngineOptions
        {
            Prompt = (p, _) =>
            {
                prompts.Add(p);
                return ValueTask.FromResult(PermissionAnswer.AlwaysForSession);
            },
        });

        Assert.True((await Approve(engine, Calls.Shell("git status -s", _workspace, session: "a"))).Allowed);
        var again = await Approve(engine, Calls.Shell("git status", _workspace, session: "a"));
        Assert.True(again.Allowed);
        Assert.EndsWith("→ approved earlier for this session", again.Rule, StringComparison.Ordinal);
        Assert.Single(prompts);

        Assert.True((await Approve(engine, Calls.Shell("git push", _workspace, session: "a"))).Allowed);
        Assert.True((await Approve(engine, Calls.Shell("git status", _workspace, session: "b"))).Allowed);
        Assert.Equal(3, prompts.Count);

        Assert.True((await Approve(engine, Calls.File(DescribedTool.WriteFile, "src/a.cs", _workspace, session: "a"))).Allowed);
        Assert.True((await Approve(engine, Calls.File(DescribedTool.WriteFile, "src/b.cs", _workspace, session: "a"))).Allowed);
        Assert.Equal(4, prompts.Count);
        Assert.Equal(["write_file"], prompts[^1].SessionKeys);

        engine.ForgetSession("a");
        Assert.True((await Approve(engine, Calls.Shell("git status", _workspace, session: "a"))).Allowed);
        Assert.Equal(5, prompts.Count);
    }

    [Fact]
    public async Task A_remembered_answer_never_overrides_a_deny()
    {
        var engine = Engine(
            new PermissionEngineOptions { Prompt = (_, _) => ValueTask.FromResult(PermissionAnswer.AlwaysForSession) },
            Layer(PermissionSource.Managed, deny: ["run_shell(git push --force*)"]));

        Assert.True((await Approve(engine, Calls.Shell("git push", _workspace))).Allowed);
        Assert.False((await Approve(engine, Calls.Shell("git push --force", _workspace))).Allowed);
    }

    [Fact]
    public async Task The_user_can_decline()
    {
        var engine = Engine(new PermissionEngineOptions { Prompt = (_, _) => ValueTask.FromResult(PermissionAnswer.No) });

        var approval = await Approve(engine, Calls.Shell("make", _workspace));

        Assert.False(approval.Allowed);
        Assert.Contains("declined", approval.Reason, StringComparison.Ordinal);
        Assert.EndsWith("→ declined by the user", approval.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pre_approved_calls_skip_the_prompt_but_never_a_deny()
    {
        var engine = Engine(
            new PermissionEngineOptions { Prompt = NeverAsked },
            Layer(PermissionSource.Project, deny: ["run_shell(curl*)"]));

        var approved = await Approve(engine, Calls.Shell("make", _workspace, preApproved: true));
        Assert.True(approved.Allowed);
        Assert.EndsWith("→ pre-approved by a hook or skill", approved.Rule, StringComparison.Ordinal);
        Assert.False((await Approve(engine, Calls.Shell("curl http://127.0.0.1", _workspace, preApproved: true))).Allowed);
    }

    [Fact]
    public async Task Yes_approves_asks_but_never_a_deny()
    {
        var engine = Engine(
            new PermissionEngineOptions { ApproveAsks = true, Prompt = NeverAsked },
            Layer(PermissionSource.Project, deny: ["run_shell(curl*)"]));

        var approved = await Approve(engine, Calls.Shell("make", _workspace));
        Assert.True(approved.Allowed);
        Assert.Equal("mode default [built-in] → --yes", approved.Rule);
        Assert.False((await Approve(engine, Calls.Shell("curl http://127.0.0.1", _workspace))).Allowed);
    }

    [Fact]
    public async Task Cancelling_while_asking_propagates()
    {
        using var cancel = new CancellationTokenSource();
        var engine = Engine(new PermissionEngineOptions
        {
            Prompt = async (_, ct) =>
            {
                await cancel.CancelAsync();
                ct.ThrowIfCancellationRequested();
                return PermissionAnswer.Yes;
            },
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await engine.ApproveAsync(Calls.Shell("make", _workspace), cancel.Token));
    }

    [Fact]
    public async Task The_built_in_defaults_allow_a_few_commands_that_only_look()
    {
        var engine = Engine(PermissionDefaults.Layer);

        Assert.True((await Approve(engine, Calls.Shell("git status", _workspace))).Allowed);
        Assert.True((await Approve(engine, Calls.Shell("ls -la src", _workspace))).Allowed);
        Assert.False((await Approve(engine, Calls.Shell("ls > listing.txt", _workspace))).Allowed);
    }
}
