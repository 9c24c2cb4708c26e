using Chitin.Core.Permissions;
using Chitin.Core.Tools;
using Chitin.Security.Permissions;
using Chitin.Security.Tests.Support;

namespace Chitin.Security.Tests.Permissions;

/// <summary>Layers, modes and prompting: who decides, and what happens when the user is asked.</summary>
public sealed class PermissionEngineTests : PermissionEngineTestsBase
{
    [Fact]
    public async Task A_managed_deny_cannot_be_loosened_by_any_lower_layer()
    {
        var engine = Engine(
            new PermissionEngineOptions { ApproveAsks = true },
            Layer(PermissionSource.Managed, deny: ["run_shell(rm -rf*)"]),
            Layer(PermissionSource.CommandLine, allow: ["run_shell"], origin: "--allow"),
            Layer(PermissionSource.Project, allow: ["run_shell(rm -rf*)"]),
            Layer(PermissionSource.User, allow: ["run_shell(rm*)"], mode: PermissionMode.Unrestricted));

        var approval = await Approve(engine, Calls.Shell("rm -rf build", WorkspaceDirectory, preApproved: true));

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

        Assert.False((await Approve(engine, Calls.Shell("git push origin main", WorkspaceDirectory))).Allowed);
        Assert.True((await Approve(engine, Calls.Shell("git fetch", WorkspaceDirectory))).Allowed);
    }

    [Fact]
    public async Task Ask_wins_over_allow_whatever_the_layers()
    {
        var asked = new List<PermissionPrompt>();
        var engine = Engine(
            new PermissionEngineOptions { Prompt = (p, _) => { asked.Add(p); return ValueTask.FromResult(PermissionAnswer.Yes); } },
            Layer(PermissionSource.CommandLine, allow: ["run_shell(git*)"], origin: "--allow"),
            Layer(PermissionSource.Project, ask: ["run_shell(git push*)"]));

        var approval = await Approve(engine, Calls.Shell("git push", WorkspaceDirectory));

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

        var approval = await Approve(engine, Calls.Shell("git status --short", WorkspaceDirectory));

        Assert.True(approval.Allowed);
        Assert.Equal("allow run_shell(git status*) [project: /Project.json]", approval.Rule);
    }

    [Fact]
    public async Task Without_a_prompt_an_ask_is_denied_with_advice()
    {
        var engine = Engine(Layer(PermissionSource.User));

        var approval = await Approve(engine, Calls.Shell("make test", WorkspaceDirectory));

        Assert.False(approval.Allowed);
        Assert.Equal("needs approval: run interactively or pass --yes, or add an allow rule like run_shell(make test*)", approval.Reason);
        Assert.Equal("mode default [built-in]", approval.Rule);
    }

    [Fact]
    public async Task Default_mode_allows_reads_in_the_workspace_and_asks_for_everything_else()
    {
        var engine = Engine();

        Assert.True((await Approve(engine, Calls.File(DescribedTool.ReadFile, "src/a.cs", WorkspaceDirectory))).Allowed);
        Assert.True((await Approve(engine, Calls.Request(DescribedTool.ListDir, "{}", WorkspaceDirectory))).Allowed);
        Assert.False((await Approve(engine, Calls.File(DescribedTool.ReadFile, "/etc/hostname", WorkspaceDirectory))).Allowed);
        Assert.False((await Approve(engine, Calls.File(DescribedTool.WriteFile, "src/a.cs", WorkspaceDirectory))).Allowed);
        Assert.False((await Approve(engine, Calls.Shell("ls", WorkspaceDirectory))).Allowed);
        Assert.False((await Approve(engine, Calls.Fetch("https://example.com/", WorkspaceDirectory))).Allowed);
    }

    [Fact]
    public async Task Reads_in_an_additional_or_allowed_directory_count_as_inside()
    {
        var shared = Temp.CreateDirectory("shared");
        var engine = new PermissionEngine(
            [new PermissionLayer(PermissionSource.User, "/u.json", new PermissionSettings { AdditionalDirectories = [shared] })],
            new PermissionEngineOptions { HomeDirectory = HomeDirectory });
        var other = Temp.CreateDirectory("other");

        Assert.Equal([shared], engine.AdditionalDirectories);
        Assert.True((await Approve(engine, Calls.File(DescribedTool.ReadFile, Path.Combine(shared, "x"), WorkspaceDirectory))).Allowed);
        Assert.False((await Approve(engine, Calls.File(DescribedTool.ReadFile, Path.Combine(other, "x"), WorkspaceDirectory))).Allowed);
        var viaContext = Calls.Request(DescribedTool.ReadFile, $$"""{"path": "{{Path.Combine(other, "x")}}"}""", WorkspaceDirectory, allowedDirectories: [other]);
        Assert.True((await Approve(engine, viaContext)).Allowed);
    }

    [Fact]
    public async Task AcceptEdits_allows_edits_inside_the_workspace_only_and_still_asks_for_commands()
    {
        var engine = Engine(Layer(PermissionSource.CommandLine, mode: PermissionMode.AcceptEdits, origin: "--mode"));

        var inside = await Approve(engine, Calls.File(DescribedTool.WriteFile, "src/new.cs", WorkspaceDirectory));
        Assert.True(inside.Allowed);
        Assert.Equal("mode acceptEdits [cli: --mode]", inside.Rule);
        Assert.True((await Approve(engine, Calls.File(DescribedTool.EditFile, "src/new.cs", WorkspaceDirectory))).Allowed);
        Assert.False((await Approve(engine, Calls.File(DescribedTool.WriteFile, "../elsewhere.txt", WorkspaceDirectory))).Allowed);
        Assert.False((await Approve(engine, Calls.File(DescribedTool.WriteFile, "~/.bashrc", WorkspaceDirectory))).Allowed);
        Assert.False((await Approve(engine, Calls.Shell("make", WorkspaceDirectory))).Allowed);
    }

    [Fact]
    public async Task Plan_mode_denies_every_tool_that_is_not_read_only_even_when_allowed_or_approved()
    {
        var engine = Engine(
            new PermissionEngineOptions { ApproveAsks = true },
            Layer(PermissionSource.Project, allow: ["write_file", "run_shell"], mode: PermissionMode.Plan));

        var write = await Approve(engine, Calls.File(DescribedTool.WriteFile, "src/a.cs", WorkspaceDirectory));
        var shell = await Approve(engine, Calls.Shell("ls", WorkspaceDirectory, preApproved: true));

        Assert.False(write.Allowed);
        Assert.Equal("plan mode: read-only", write.Reason);
        Assert.False(shell.Allowed);
        Assert.Equal("plan mode: read-only", shell.Reason);
        Assert.True((await Approve(engine, Calls.File(DescribedTool.ReadFile, "src/a.cs", WorkspaceDirectory))).Allowed);
    }

    [Fact]
    public async Task Unrestricted_mode_allows_what_is_not_denied_or_explicitly_asked()
    {
        var engine = Engine(
            Layer(PermissionSource.User, mode: PermissionMode.Unrestricted, deny: ["run_shell(curl*)"], ask: ["run_shell(git push*)"]));

        Assert.True((await Approve(engine, Calls.Shell("make install", WorkspaceDirectory))).Allowed);
        Assert.True((await Approve(engine, Calls.File(DescribedTool.WriteFile, "/tmp/anything", WorkspaceDirectory))).Allowed);
        Assert.False((await Approve(engine, Calls.Shell("curl http://127.0.0.1/", WorkspaceDirectory))).Allowed);
        Assert.StartsWith("needs approval", (await Approve(engine, Calls.Shell("git push", WorkspaceDirectory))).Reason, StringComparison.Ordinal);
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

        Assert.True((await Approve(engine, Calls.Shell("git status -s", WorkspaceDirectory, session: "a"))).Allowed);
        var again = await Approve(engine, Calls.Shell("git status", WorkspaceDirectory, session: "a"));
        Assert.True(again.Allowed);
        Assert.EndsWith("→ approved earlier for this session", again.Rule, StringComparison.Ordinal);
        Assert.Single(prompts);

        Assert.True((await Approve(engine, Calls.Shell("git push", WorkspaceDirectory, session: "a"))).Allowed);
        Assert.True((await Approve(engine, Calls.Shell("git status", WorkspaceDirectory, session: "b"))).Allowed);
        Assert.Equal(3, prompts.Count);

        Assert.True((await Approve(engine, Calls.File(DescribedTool.WriteFile, "src/a.cs", WorkspaceDirectory, session: "a"))).Allowed);
        Assert.True((await Approve(engine, Calls.File(DescribedTool.WriteFile, "src/b.cs", WorkspaceDirectory, session: "a"))).Allowed);
        Assert.Equal(4, prompts.Count);
        Assert.Equal(["write_file"], prompts[^1].SessionKeys);

        engine.ForgetSession("a");
        Assert.True((await Approve(engine, Calls.Shell("git status", WorkspaceDirectory, session: "a"))).Allowed);
        Assert.Equal(5, prompts.Count);
    }

    [Fact]
    public async Task A_remembered_answer_never_overrides_a_deny()
    {
        var engine = Engine(
            new PermissionEngineOptions { Prompt = (_, _) => ValueTask.FromResult(PermissionAnswer.AlwaysForSession) },
            Layer(PermissionSource.Managed, deny: ["run_shell(git push --force*)"]));

        Assert.True((await Approve(engine, Calls.Shell("git push", WorkspaceDirectory))).Allowed);
        Assert.False((await Approve(engine, Calls.Shell("git push --force", WorkspaceDirectory))).Allowed);
    }

    [Fact]
    public async Task The_user_can_decline()
    {
        var engine = Engine(new PermissionEngineOptions { Prompt = (_, _) => ValueTask.FromResult(PermissionAnswer.No) });

        var approval = await Approve(engine, Calls.Shell("make", WorkspaceDirectory));

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

        var approved = await Approve(engine, Calls.Shell("make", WorkspaceDirectory, preApproved: true));
        Assert.True(approved.Allowed);
        Assert.EndsWith("→ pre-approved by a hook or skill", approved.Rule, StringComparison.Ordinal);
        Assert.False((await Approve(engine, Calls.Shell("curl http://127.0.0.1", WorkspaceDirectory, preApproved: true))).Allowed);
    }

    [Fact]
    public async Task Yes_approves_asks_but_never_a_deny()
    {
        var engine = Engine(
            new PermissionEngineOptions { ApproveAsks = true, Prompt = NeverAsked },
            Layer(PermissionSource.Project, deny: ["run_shell(curl*)"]));

        var approved = await Approve(engine, Calls.Shell("make", WorkspaceDirectory));
        Assert.True(approved.Allowed);
        Assert.Equal("mode default [built-in] → --yes", approved.Rule);
        Assert.False((await Approve(engine, Calls.Shell("curl http://127.0.0.1", WorkspaceDirectory))).Allowed);
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

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await engine.ApproveAsync(Calls.Shell("make", WorkspaceDirectory), cancel.Token));
    }

    [Fact]
    public async Task The_built_in_defaults_allow_a_few_commands_that_only_look()
    {
        var engine = Engine(PermissionDefaults.Layer);

        Assert.True((await Approve(engine, Calls.Shell("git status", WorkspaceDirectory))).Allowed);
        Assert.True((await Approve(engine, Calls.Shell("ls -la src", WorkspaceDirectory))).Allowed);
        Assert.False((await Approve(engine, Calls.Shell("ls > listing.txt", WorkspaceDirectory))).Allowed);
    }
}
