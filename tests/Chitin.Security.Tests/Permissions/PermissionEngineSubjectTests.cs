using Chitin.Core.Permissions;
using Chitin.Core.Tools;
using Chitin.Security.Permissions;
using Chitin.Security.Tests.Support;

namespace Chitin.Security.Tests.Permissions;

/// <summary>What a rule matches: compound commands, paths (tricks, links, loops, relative rules), domains and tool names.</summary>
public sealed class PermissionEngineSubjectTests : PermissionEngineTestsBase
{
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

        Assert.Equal(allowed, (await Approve(engine, Calls.Shell(command, WorkspaceDirectory))).Allowed);
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

        var approval = await Approve(engine, Calls.Shell(command, WorkspaceDirectory));

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

        var read = await Approve(engine, Calls.File(DescribedTool.ReadFile, path, WorkspaceDirectory));
        var grep = await Approve(engine, Calls.File(DescribedTool.Grep, path, WorkspaceDirectory));

        Assert.False(read.Allowed);
        Assert.False(grep.Allowed);
        Assert.Equal($"deny read_file(~/.ssh/**) [managed: {ManagedFile}]", read.Rule);
    }

    [Fact]
    public async Task A_symbolic_link_in_the_workspace_cannot_dodge_a_deny()
    {
        File.CreateSymbolicLink(Path.Combine(WorkspaceDirectory, "keys"), Path.Combine(HomeDirectory, ".ssh"));
        var engine = Engine(
            new PermissionEngineOptions { ApproveAsks = true },
            Layer(PermissionSource.Managed, deny: ["read_file(~/.ssh/**)"]));

        var approval = await Approve(engine, Calls.File(DescribedTool.ReadFile, "keys/id_rsa", WorkspaceDirectory));

        Assert.False(approval.Allowed);
        Assert.False((await Approve(Engine(), Calls.File(DescribedTool.ReadFile, "keys/id_rsa", WorkspaceDirectory))).Allowed);
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

        Assert.Equal(allowed, (await Approve(engine, Calls.File(DescribedTool.WriteFile, path, WorkspaceDirectory))).Allowed);
    }

    [Fact]
    public async Task An_edit_rule_covers_every_editing_tool()
    {
        var engine = Engine(new PermissionEngineOptions { ApproveAsks = true }, Layer(PermissionSource.Managed, deny: ["edit_file(/etc/**)"]));

        Assert.False((await Approve(engine, Calls.File(DescribedTool.WriteFile, "/etc/passwd", WorkspaceDirectory))).Allowed);
        Assert.False((await Approve(engine, Calls.File(DescribedTool.EditFile, "/etc/ssh/sshd_config", WorkspaceDirectory))).Allowed);
        Assert.True((await Approve(engine, Calls.File(DescribedTool.WriteFile, "/tmp/x", WorkspaceDirectory))).Allowed);
    }

    [Fact]
    public async Task A_rule_follows_the_subject_a_tool_declares_not_its_name()
    {
        // A tool the engine has never heard of, declaring a read path under another argument name.
        var viewer = new DescribedTool("view_image", ToolTraits.ReadOnly, ToolSubject.ReadPath("file"));
        var tools = new ToolRegistry([viewer, DescribedTool.ReadFile]);
        var engine = Engine(new PermissionEngineOptions { ApproveAsks = true }, Layer(PermissionSource.Managed, deny: ["read_file(~/.ssh/**)"]));

        var secret = Calls.Request(viewer, """{"file":"~/.ssh/id_rsa"}""", WorkspaceDirectory) with { Tools = tools };
        var harmless = Calls.Request(viewer, """{"file":"pictures/cat.png"}""", WorkspaceDirectory) with { Tools = tools };

        Assert.False((await Approve(engine, secret)).Allowed);
        Assert.True((await Approve(engine, harmless)).Allowed);
    }

    [Fact]
    public async Task A_pattern_rule_on_a_tool_without_a_subject_denies_every_call_and_allows_none()
    {
        var tracker = new DescribedTool("mcp__github__create_issue", ToolTraits.Network);
        var denying = Engine(new PermissionEngineOptions { ApproveAsks = true }, Layer(PermissionSource.Managed, deny: ["mcp__github__create_issue(repo:x)"]));
        var allowing = Engine(Layer(PermissionSource.Project, allow: ["mcp__github__create_issue(repo:x)"]));

        Assert.False((await Approve(denying, Calls.Request(tracker, """{"repo":"y"}""", WorkspaceDirectory))).Allowed);
        Assert.False((await Approve(allowing, Calls.Request(tracker, """{"repo":"x"}""", WorkspaceDirectory))).Allowed);
    }

    [Fact]
    public async Task A_link_loop_is_never_inside_the_workspace()
    {
        var a = Path.Join(WorkspaceDirectory, "a");
        File.CreateSymbolicLink(a, Path.Join(WorkspaceDirectory, "b"));
        File.CreateSymbolicLink(Path.Join(WorkspaceDirectory, "b"), a);

        var approval = await Approve(Engine(), Calls.File(DescribedTool.ReadFile, "a/file.txt", WorkspaceDirectory));

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

        Assert.Equal(allowed, (await Approve(engine, Calls.Fetch(url, WorkspaceDirectory))).Allowed);
    }

    [Fact]
    public async Task A_domain_deny_beats_a_broader_allow()
    {
        var engine = Engine(Layer(PermissionSource.Project, allow: ["web_fetch"], deny: ["web_fetch(domain:internal.example.com)"]));

        Assert.True((await Approve(engine, Calls.Fetch("https://example.com/", WorkspaceDirectory))).Allowed);
        Assert.False((await Approve(engine, Calls.Fetch("https://wiki.internal.example.com/", WorkspaceDirectory))).Allowed);
    }

    [Fact]
    public async Task Tool_name_wildcards_match_tool_names()
    {
        var engine = Engine(Layer(PermissionSource.Project, allow: ["mcp__github__*"]));
        var github = new DescribedTool("mcp__github__create_issue", ToolTraits.Network);
        var gitlab = new DescribedTool("mcp__gitlab__create_issue", ToolTraits.Network);

        Assert.True((await Approve(engine, Calls.Request(github, "{}", WorkspaceDirectory))).Allowed);
        Assert.False((await Approve(engine, Calls.Request(gitlab, "{}", WorkspaceDirectory))).Allowed);
    }
}
