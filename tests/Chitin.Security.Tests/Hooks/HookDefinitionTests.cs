using System.Text.Json;
using Chitin.Core.Hooks;
using Chitin.Security.Hooks;

namespace Chitin.Security.Tests.Hooks;

public class HookDefinitionTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void The_hooks_section_is_read_in_order()
    {
        var hooks = HookDefinition.Parse(
            Json("""
                {"before_tool": [{"matcher": "run_shell", "command": "./guard.sh", "timeout": 2.5, "envPassthrough": ["GITHUB_TOKEN", "NODE_*"]}, {"command": "./log.sh"}],
                 "user_prompt": [{"command": "./prompt.sh"}]}
                """),
            "/repo/.chitin/config.json");

        Assert.Equal(3, hooks.Count);
        Assert.Equal((HookEvent.BeforeTool, "run_shell", "./guard.sh", TimeSpan.FromSeconds(2.5)), (hooks[0].Event, hooks[0].Matcher, hooks[0].Command, hooks[0].Timeout));
        Assert.Equal(["GITHUB_TOKEN", "NODE_*"], hooks[0].EnvPassthrough);
        Assert.Equal(("*", TimeSpan.FromSeconds(30)), (hooks[1].Matcher, hooks[1].Timeout));
        Assert.Empty(hooks[1].EnvPassthrough);
        Assert.Equal(HookEvent.UserPrompt, hooks[2].Event);
        Assert.Equal("/repo/.chitin/config.json", hooks[2].Origin);
    }

    [Theory]
    [InlineData("""{"before_tol": []}""", "hooks.before_tol", "before_tool, after_tool, user_prompt")]
    [InlineData("""{"before_tool": {}}""", "hooks.before_tool", "must be an array")]
    [InlineData("""{"before_tool": [{}]}""", "hooks.before_tool[0]", "needs a \"command\"")]
    [InlineData("""{"before_tool": [{"command": ""}]}""", "hooks.before_tool[0].command", "non-empty")]
    [InlineData("""{"before_tool": [{"command": "x", "timeout": 0}]}""", "hooks.before_tool[0].timeout", "seconds")]
    [InlineData("""{"before_tool": [{"command": "x", "timout": 3}]}""", "hooks.before_tool[0].timout", "not a hook setting")]
    [InlineData("""{"stop": [{"command": "x", "matcher": "run_shell"}]}""", "hooks.stop[0].matcher", "only applies to before_tool")]
    [InlineData("""[]""", "hooks", "must be an object")]
    [InlineData("""{"before_tool": [{"command": "x", "envPassthrough": "GITHUB_TOKEN"}]}""", "hooks.before_tool[0].envPassthrough", "must be an array")]
    [InlineData("""{"before_tool": [{"command": "x", "envPassthrough": ["A B"]}]}""", "hooks.before_tool[0].envPassthrough", "environment variable names")]
    public void Malformed_hooks_are_clear_errors_naming_the_entry_and_file(string json, string key, string problem)
    {
        var error = Assert.Throws<HookConfigurationException>(() => HookDefinition.Parse(Json(json), "/x/config.json"));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("/x/config.json", error.Message, StringComparison.Ordinal);
    }
}
