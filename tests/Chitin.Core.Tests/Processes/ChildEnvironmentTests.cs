using Chitin.Core.Processes;

namespace Chitin.Core.Tests.Processes;

public sealed class ChildEnvironmentTests
{
    private static readonly Dictionary<string, string> Parent = new(StringComparer.Ordinal)
    {
        ["PATH"] = "/usr/bin:/bin",
        ["HOME"] = "/home/me",
        ["LANG"] = "C.UTF-8",
        ["LC_ALL"] = "C.UTF-8",
        ["TERM"] = "xterm",
        ["TMPDIR"] = "/tmp/me",
        ["OPENAI_API_KEY"] = "sk-parent",
        ["ANTHROPIC_API_KEY"] = "sk-ant-parent",
        ["GITHUB_TOKEN"] = "ghp-parent",
        ["AWS_SECRET_ACCESS_KEY"] = "aws-parent",
        ["NODE_ENV"] = "development",
        ["NODE_AUTH_TOKEN"] = "npm-parent",
        ["USER"] = "me",
        ["SSH_AUTH_SOCK"] = "/run/agent.sock",
    };

    [Fact]
    public void Only_the_base_variables_are_inherited()
    {
        var child = ChildEnvironment.Build(Parent);

        Assert.Equal(["HOME", "LANG", "LC_ALL", "PATH", "TERM", "TMPDIR"], child.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("/usr/bin:/bin", child["PATH"]);
    }

    [Fact]
    public void An_exact_name_passes_even_a_secret_but_a_pattern_never_does()
    {
        var child = ChildEnvironment.Build(Parent, passThrough: ["GITHUB_TOKEN", "NODE_*", "MISSING_VAR"]);

        Assert.Equal("ghp-parent", child["GITHUB_TOKEN"]);
        Assert.Equal("development", child["NODE_ENV"]);
        Assert.False(child.ContainsKey("NODE_AUTH_TOKEN"));
        Assert.False(child.ContainsKey("MISSING_VAR"));
        Assert.False(child.ContainsKey("OPENAI_API_KEY"));
    }

    [Fact]
    public void A_wildcard_for_everything_still_holds_back_secrets()
    {
        var child = ChildEnvironment.Build(Parent, passThrough: ["*"]);

        Assert.Equal("me", child["USER"]);
        Assert.DoesNotContain(child.Keys, SecretVariables.LooksSecret);
        Assert.False(child.ContainsKey("OPENAI_API_KEY"));
    }

    [Fact]
    public void Set_values_come_last_and_null_removes()
    {
        var child = ChildEnvironment.Build(Parent, set: [new("HOME", null), new("API_TOKEN", "explicit"), new("PATH", "/opt/bin")]);

        Assert.False(child.ContainsKey("HOME"));
        Assert.Equal("explicit", child["API_TOKEN"]);
        Assert.Equal("/opt/bin", child["PATH"]);
    }

    [Fact]
    public void Apply_replaces_an_inherited_start_info_environment()
    {
        var target = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-inherited", ["PATH"] = "/old" };

        ChildEnvironment.ApplyTo(target, ChildEnvironment.Build(Parent));

        Assert.False(target.ContainsKey("OPENAI_API_KEY"));
        Assert.Equal("/usr/bin:/bin", target["PATH"]);
    }

    [Theory]
    [InlineData("OPENAI_API_KEY", true)]
    [InlineData("anthropic_api_key", true)]
    [InlineData("SSH_KEY", true)]
    [InlineData("NPM_TOKEN", true)]
    [InlineData("GITHUBTOKEN", true)]
    [InlineData("CLIENT_SECRET", true)]
    [InlineData("MYSQL_PASSWORD", true)]
    [InlineData("DB_PASSWD", true)]
    [InlineData("GOOGLE_APPLICATION_CREDENTIALS", true)]
    [InlineData("AWS_SECRET_ACCESS_KEY", true)]
    [InlineData("GITLAB_PAT", true)]
    [InlineData("MYAPIKEY", true)]
    [InlineData("PATH", false)]
    [InlineData("HOME", false)]
    [InlineData("LANG", false)]
    [InlineData("PWD", false)]
    [InlineData("KEYBOARD", false)]
    [InlineData("TOKENIZERS_PARALLELISM", false)]
    [InlineData("SSH_AUTH_SOCK", false)]
    public void Secret_names_are_recognised_by_pattern(string name, bool secret) =>
        Assert.Equal(secret, SecretVariables.LooksSecret(name));
}
