using Chitin.Cli.Configuration;
using Chitin.Hosting.Configuration;
using Chitin.Cli.Tests.Support;

namespace Chitin.Cli.Tests.Configuration;

public sealed partial class ConfigTemplateTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [InlineData(ConfigScope.User)]
    [InlineData(ConfigScope.Project)]
    public void The_template_loads_without_warnings_and_so_do_its_commented_examples(ConfigScope scope)
    {
        var template = ConfigTemplate.For(scope);
        Write(scope, template);
        var plain = ConfigLoader.Load(_sandbox.Context(TextWriter.Null, TextWriter.Null));
        Assert.Empty(plain.Warnings);
        Assert.Empty(plain.Hooks);
        Assert.Empty(plain.McpServers);

        // Every commented example member ("// \"key\": ...") is valid once uncommented (the systemPrompt hint would
        // need a comma after "prices", so it stays a comment).
        var examples = string.Join('\n', template.Split('\n').Select(line =>
            CommentedMember().IsMatch(line) && !line.Contains("systemPrompt", StringComparison.Ordinal)
                ? CommentedMember().Replace(line, "$1\"", 1)
                : line));
        Write(scope, examples);
        if (scope == ConfigScope.Project)
        {
            // The examples add hooks and MCP servers, which a project file may add only in a trusted folder.
            _sandbox.TrustWorkspace();
        }

        _sandbox.Environment["GITHUB_TOKEN"] = "ghp_example";
        _sandbox.Environment["DOCS_TOKEN"] = "docs_example";

        var config = ConfigLoader.Load(_sandbox.Context(TextWriter.Null, TextWriter.Null));

        Assert.Empty(config.Warnings);
        var permissions = Assert.Single(config.PermissionLayers).Settings;
        Assert.Contains("run_shell(git push*)", permissions.Deny);
        Assert.Equal(2, config.Hooks.Count);
        Assert.Equal(["docs", "github"], config.McpServers.Select(s => s.Name));
        Assert.Equal("/usr/bin/bwrap", config.Sandbox.BwrapPath);
        Assert.Equal(128000, config.Context.ContextWindowTokens);
        Assert.Equal(2000, config.Context.OffloadThresholdTokens);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^(\\s*)// \"(?=[^\"]+\": )")]
    private static partial System.Text.RegularExpressions.Regex CommentedMember();

    private void Write(ConfigScope scope, string text)
    {
        if (scope == ConfigScope.User)
        {
            _sandbox.WriteUserConfig(text);
        }
        else
        {
            _sandbox.WriteProjectConfig(text);
        }
    }
}
