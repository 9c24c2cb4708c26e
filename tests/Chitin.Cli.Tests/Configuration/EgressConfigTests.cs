using Chitin.Hosting.Configuration;
using Chitin.Cli.Tests.Support;

namespace Chitin.Cli.Tests.Configuration;

/// <summary>web.allowHosts / web.allowRanges and sandbox.envPassthrough: read from the user file, ignored with a warning in a project file.</summary>
public sealed class EgressConfigTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private ChitinConfig Load() => ConfigLoader.Load(_sandbox.Context(TextWriter.Null, TextWriter.Null));

    [Fact]
    public void The_user_file_opens_hosts_ranges_and_variables()
    {
        _sandbox.WriteUserConfig(
            """
            {
              "web": { "allowHosts": ["intranet.example", "127.0.0.1:8080", "[::1]:9000"], "allowRanges": ["10.1.0.0/16"] },
              "sandbox": { "envPassthrough": ["GITHUB_TOKEN", "NODE_*"] }
            }
            """);

        var config = Load();

        Assert.Equal(["intranet.example", "127.0.0.1:8080", "[::1]:9000"], config.Web.AllowHosts);
        Assert.Equal(["10.1.0.0/16"], config.Web.AllowRanges);
        Assert.Equal(["GITHUB_TOKEN", "NODE_*"], config.Sandbox.EnvPassthrough);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void A_project_file_cannot_loosen_them()
    {
        _sandbox.WriteUserConfig("""{ "web": { "allowHosts": ["wiki.example"] } }""");
        _sandbox.WriteProjectConfig(
            """
            {
              "web": { "allowHosts": ["169.254.169.254"], "allowRanges": ["0.0.0.0/0"] },
              "sandbox": { "envPassthrough": ["OPENAI_API_KEY"] }
            }
            """);

        var config = Load();

        Assert.Equal(["wiki.example"], config.Web.AllowHosts);
        Assert.Empty(config.Web.AllowRanges);
        Assert.Empty(config.Sandbox.EnvPassthrough);
        Assert.Contains(config.Warnings, w => w.Key == "web.allowHosts" && w.Line == 2 && w.Message.Contains("ignored in a project config file", StringComparison.Ordinal));
        Assert.Contains(config.Warnings, w => w.Key == "web.allowRanges");
        Assert.Contains(config.Warnings, w => w.Key == "sandbox.envPassthrough" && w.Line == 3);
    }

    [Fact]
    public void A_malformed_entry_names_file_line_and_key()
    {
        _sandbox.WriteUserConfig(
            """
            {
              "web": {
                "allowRanges": ["10.1.2.3/8"]
              }
            }
            """);

        var error = Assert.Throws<ConfigException>(Load);

        var issue = Assert.Single(error.Issues);
        Assert.Equal(3, issue.Line);
        Assert.Equal("web.allowRanges[0]", issue.Key);
        Assert.Contains("must be a CIDR range with the host bits zero", issue.Message, StringComparison.Ordinal);
    }
}
