using System.Text.Json;
using Chitin.Core.Permissions;
using Chitin.Core.Tools;
using Chitin.Security.Permissions;
using Chitin.Skills.Discovery;
using Chitin.Skills.Permissions;
using Chitin.Skills.Tests.Discovery;
using Chitin.Skills.Tests.Tools;
using Chitin.Skills.Tools;
using Chitin.Tools;

namespace Chitin.Skills.Tests.Permissions;

public sealed class SkillScopedApproverTests : IDisposable
{
    private readonly SkillTree _tree = new();
    private readonly SkillSessionState _state = new();
    private readonly IReadOnlyList<ITool> _builtIn = BuiltInTools.CreateDefault();
    private readonly SkillCatalog _catalog;

    public SkillScopedApproverTests()
    {
        SkillTree.Write(_tree.ProjectSkills, "git-helper", extraFrontMatter: "allowed-tools: Bash(git status:*) Read(docs/**)\n");
        SkillContent.WriteBlocked(_tree.ProjectSkills, "evil-setup", "EVIL");
        SkillContent.WriteWarned(_tree.ProjectSkills, "cleanup", "WARNED-BODY");
        File.WriteAllText(Path.Combine(_tree.Workspace, "notes.md"), "notes");
        _catalog = SkillCatalog.Discover(_tree.Locations, new SkillCatalogOptions { Vetter = SkillContent.Vetter() });
    }

    public void Dispose()
    {
        foreach (var tool in _builtIn.OfType<IDisposable>())
        {
            tool.Dispose();
        }

        _tree.Dispose();
    }

    private ITool Tool(string name) => name == SkillTool.ToolName ? new SkillTool(_ => _catalog, _state) : _builtIn.Single(t => t.Name == name);

    private static ToolApprovalRequest Request(ITool tool, string argumentsJson, ToolContext context)
    {
        using var document = JsonDocument.Parse(argumentsJson);
        return new ToolApprovalRequest(tool, "call-1", document.RootElement.Clone(), context);
    }

    private ValueTask<ToolApproval> ApproveAsync(IToolApprover inner, string tool, string argumentsJson, string session = "s-1") =>
        new SkillScopedApprover(inner, _state, _ => _catalog).ApproveAsync(Request(Tool(tool), argumentsJson, ToolCalls.Context(_tree.Workspace, session)), CancellationToken.None);

    private static PermissionEngine Engine(params string[] deny) =>
        new([new PermissionLayer(PermissionSource.Project, "test", new PermissionSettings { Deny = deny })]);

    [Fact]
    public async Task A_loaded_skills_allowed_tools_pre_approve_matching_calls_in_that_session_only()
    {
        var engine = Engine();
        Assert.False((await ApproveAsync(engine, "run_shell", """{"command":"git status"}""", "s-1")).Allowed);

        _state.RecordLoad("s-1", _catalog.Find("git-helper")!);

        var covered = await ApproveAsync(engine, "run_shell", """{"command":"git status --short"}""", "s-1");
        Assert.True(covered.Allowed, covered.Reason);
        Assert.Contains("pre-approved", covered.Rule, StringComparison.Ordinal);
        Assert.Contains("allowed-tools of skill 'git-helper'", covered.Rule, StringComparison.Ordinal);

        var otherSession = await ApproveAsync(engine, "run_shell", """{"command":"git status"}""", "s-2");
        Assert.False(otherSession.Allowed);
        Assert.Contains("needs approval", otherSession.Reason, StringComparison.Ordinal);

        Assert.False((await ApproveAsync(engine, "run_shell", """{"command":"git push"}""", "s-1")).Allowed);
        Assert.False((await ApproveAsync(engine, "run_shell", """{"command":"git status && rm -rf /"}""", "s-1")).Allowed);
    }

    [Fact]
    public async Task A_project_skill_of_an_untrusted_workspace_pre_approves_nothing_while_a_user_skill_still_does()
    {
        SkillTree.Write(_tree.UserSkills, "user-git", extraFrontMatter: "allowed-tools: Bash(git log:*)\n");
        var untrusted = SkillCatalog.Discover(_tree.Locations, new SkillCatalogOptions { Vetter = SkillContent.Vetter(), UntrustedWorkspace = true });
        var approver = new SkillScopedApprover(Engine(), _state, _ => untrusted);
        _state.RecordLoad("s-1", untrusted.Find("git-helper")!);
        _state.RecordLoad("s-1", untrusted.Find("user-git")!);

        var fromRepository = await approver.ApproveAsync(Request(Tool("run_shell"), """{"command":"git status"}""", ToolCalls.Context(_tree.Workspace, "s-1")), CancellationToken.None);
        var fromUser = await approver.ApproveAsync(Request(Tool("run_shell"), """{"command":"git log -1"}""", ToolCalls.Context(_tree.Workspace, "s-1")), CancellationToken.None);

        Assert.False(fromRepository.Allowed);
        Assert.Contains("needs approval", fromRepository.Reason, StringComparison.Ordinal);
        Assert.True(fromUser.Allowed, fromUser.Reason);
        Assert.Contains("allowed-tools of skill 'user-git'", fromUser.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_deny_rules_still_win_over_a_skills_pre_approval()
    {
        _state.RecordLoad("s-1", _catalog.Find("git-helper")!);

        var denied = await ApproveAsync(Engine("run_shell(git status*)"), "run_shell", """{"command":"git status"}""");

        Assert.False(denied.Allowed);
        Assert.Contains("denied by", denied.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_approver_also_honours_the_pre_approval()
    {
        var strict = new DefaultToolApprover(approveAll: false);
        _state.RecordLoad("s-1", _catalog.Find("git-helper")!);

        Assert.True((await ApproveAsync(strict, "run_shell", """{"command":"git status"}""")).Allowed);
        Assert.False((await ApproveAsync(strict, "run_shell", """{"command":"ls"}""")).Allowed);
        Assert.False((await ApproveAsync(strict, "write_file", """{"path":"docs/a.md","content":"x"}""")).Allowed);
    }

    [Theory]
    [InlineData("read_file", """{"path":".chitin/skills/evil-setup/SKILL.md"}""")]
    [InlineData("read_file", """{"path":".chitin/skills/evil-setup/scripts/../references/notes.md"}""")]
    [InlineData("list_dir", """{"path":".chitin/skills/evil-setup"}""")]
    [InlineData("glob", """{"pattern":"**/*","path":".chitin/skills/evil-setup/scripts"}""")]
    [InlineData("grep", """{"pattern":"EVIL"}""")]
    [InlineData("grep", """{"pattern":"EVIL","path":".chitin"}""")]
    [InlineData("edit_file", """{"path":".chitin/skills/evil-setup/SKILL.md","edits":[]}""")]
    [InlineData("run_shell", """{"command":"cat .chitin/skills/evil-setup/SKILL.md"}""")]
    public async Task Calls_that_would_read_a_blocked_skills_files_are_denied_even_when_everything_else_is_allowed(string tool, string argumentsJson)
    {
        var denied = await ApproveAsync(new DefaultToolApprover(approveAll: true), tool, argumentsJson);

        Assert.False(denied.Allowed);
        Assert.Equal("skills:blocked-skill", denied.Rule);
        Assert.Contains("evil-setup", denied.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("EVIL", denied.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_into_a_blocked_skill_is_followed_and_denied()
    {
        File.CreateSymbolicLink(Path.Combine(_tree.Workspace, "innocent.md"), Path.Combine(_tree.ProjectSkills, "evil-setup", "SKILL.md"));

        Assert.False((await ApproveAsync(new DefaultToolApprover(approveAll: true), "read_file", """{"path":"innocent.md"}""")).Allowed);
    }

    [Theory]
    [InlineData("read_file", """{"path":"notes.md"}""")]
    [InlineData("read_file", """{"path":".chitin/skills/git-helper/SKILL.md"}""")]
    [InlineData("list_dir", """{"path":".chitin/skills"}""")]
    [InlineData("glob", """{"pattern":"**/*.md"}""")]
    [InlineData("grep", """{"pattern":"x","path":".chitin/skills/git-helper"}""")]
    [InlineData("run_shell", """{"command":"ls"}""")]
    public async Task Other_calls_are_left_to_the_inner_approver(string tool, string argumentsJson)
    {
        Assert.True((await ApproveAsync(new DefaultToolApprover(approveAll: true), tool, argumentsJson)).Allowed);
    }

    [Fact]
    public void The_allow_warned_policy_makes_warned_skills_available_but_never_blocked_ones()
    {
        var permissive = SkillCatalog.Discover(_tree.Locations, new SkillCatalogOptions { Vetter = SkillContent.Vetter(), ApproveAllWarnings = true });

        Assert.Equal(SkillStatus.NeedsApproval, _catalog.Find("cleanup")!.Status);
        Assert.Equal(SkillStatus.Available, permissive.Find("cleanup")!.Status);
        Assert.Equal(SkillStatus.Blocked, permissive.Find("evil-setup")!.Status);
    }

    [Fact]
    public async Task Loading_a_skill_with_vetting_warnings_asks_through_the_inner_approver_and_remembers_a_yes_for_the_session()
    {
        Assert.Equal(SkillStatus.NeedsApproval, _catalog.Find("cleanup")!.Status);
        ToolApprovalRequest? asked = null;
        var answer = false;
        var interactive = new DefaultToolApprover(approveAll: false, ask: (request, _) => { asked = request; return ValueTask.FromResult(answer); });

        var declined = await ApproveAsync(interactive, "skill", """{"name":"cleanup"}""");
        Assert.False(declined.Allowed);
        Assert.Contains("chitin skills enable cleanup", declined.Reason, StringComparison.Ordinal);
        Assert.NotNull(asked);
        Assert.False(asked.Tool.Traits.HasFlag(ToolTraits.ReadOnly));
        Assert.Contains("vetting warnings", asked.Tool.Description, StringComparison.Ordinal);
        Assert.False(_state.AreWarningsApproved("s-1", "cleanup", _catalog.Find("cleanup")!.ContentHash));

        answer = true;
        Assert.True((await ApproveAsync(interactive, "skill", """{"name":"cleanup"}""")).Allowed);
        Assert.True(_state.AreWarningsApproved("s-1", "cleanup", _catalog.Find("cleanup")!.ContentHash));
        var loaded = await ToolCalls.InvokeAsync(Tool("skill"), """{"name":"cleanup"}""", ToolCalls.Context(_tree.Workspace));
        Assert.False(loaded.IsError, loaded.Text);

        asked = null;
        Assert.True((await ApproveAsync(interactive, "skill", """{"name":"cleanup"}""")).Allowed);
        Assert.Null(asked);

        var unattended = await ApproveAsync(new DefaultToolApprover(approveAll: false), "skill", """{"name":"cleanup"}""", "s-2");
        Assert.False(unattended.Allowed);
    }

    [Fact]
    public async Task Loading_an_available_skill_is_not_asked_about()
    {
        var asked = false;
        var interactive = new DefaultToolApprover(approveAll: false, ask: (_, _) => { asked = true; return ValueTask.FromResult(false); });

        Assert.True((await ApproveAsync(interactive, "skill", """{"name":"git-helper"}""")).Allowed);
        Assert.False(asked);
    }
}
