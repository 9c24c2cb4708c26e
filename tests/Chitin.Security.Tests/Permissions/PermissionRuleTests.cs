using Chitin.Security.Permissions;

namespace Chitin.Security.Tests.Permissions;

public class PermissionRuleTests
{
    [Theory]
    [InlineData("run_shell", "run_shell", null)]
    [InlineData("run_shell(git status*)", "run_shell", "git status*")]
    [InlineData("run_shell(npm run test:*)", "run_shell", "npm run test:*")]
    [InlineData("run_shell(echo $(date))", "run_shell", "echo $(date)")]
    [InlineData("read_file(~/.ssh/**)", "read_file", "~/.ssh/**")]
    [InlineData("write_file(src/**)", "write_file", "src/**")]
    [InlineData("edit_file(/etc/**)", "edit_file", "/etc/**")]
    [InlineData("web_fetch(domain:example.com)", "web_fetch", "domain:example.com")]
    [InlineData("mcp__github__*", "mcp__github__*", null)]
    [InlineData("  grep( src/** ) ", "grep", "src/**")]
    public void Valid_rules_parse(string text, string tool, string? specifier)
    {
        var rule = PermissionRule.Parse(text, "test");
        Assert.Equal(tool, rule.ToolPattern);
        Assert.Equal(specifier, rule.Specifier);
    }

    [Theory]
    [InlineData("", "the rule is empty")]
    [InlineData("run_shell(git status", "missing closing ')'")]
    [InlineData("run_shell()", "nothing between the parentheses")]
    [InlineData("run shell", "a tool name may only hold")]
    [InlineData("mcp__*(x)", "needs an exact tool name")]
    [InlineData("web_fetch(domain:)", "is not a host name")]
    [InlineData("web_fetch(domain:exa mple.com)", "is not a host name")]
    [InlineData("run_shell)", "')' without '('")]
    public void Invalid_rules_are_rejected_naming_the_rule_and_where_it_came_from(string text, string problem)
    {
        var error = Assert.Throws<PermissionConfigurationException>(() => PermissionRule.Parse(text, "permissions.deny[3] of project: /repo/.chitin/config.json"));
        Assert.Contains($"\"{text}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("permissions.deny[3] of project: /repo/.chitin/config.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
