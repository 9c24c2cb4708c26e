using Chitin.Mcp.Configuration;
using Chitin.Mcp.Tests.Support;

namespace Chitin.Mcp.Tests.Configuration;

public sealed class McpServerConfigTests
{
    private const string Origin = "/home/me/project/.chitin/settings.json";

    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public void ParsesClaudeCodeShapedStdioAndHttpServersSortedByName()
    {
        var servers = McpServerConfig.ParseAll(
            Json.Parse("""
            {
              "remote": { "type": "http", "url": "http://127.0.0.1:3001/mcp", "headers": { "X-Team": "core" } },
              "everything": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-everything"], "env": { "DEBUG": "1" }, "cwd": "/srv" }
            }
            """),
            Origin,
            NoEnvironment);

        Assert.Equal(["everything", "remote"], servers.Select(s => s.Name));
        var everything = servers[0];
        var stdio = Assert.IsType<McpStdioTransport>(everything.Transport);
        Assert.Equal("npx", stdio.Command);
        Assert.Equal(["-y", "@modelcontextprotocol/server-everything"], stdio.Args);
        Assert.Equal("1", stdio.Env["DEBUG"]);
        Assert.Equal("/srv", stdio.WorkingDirectory);
        Assert.True(everything.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(20), everything.StartupTimeout);
        Assert.Equal(TimeSpan.FromSeconds(120), everything.ToolTimeout);
        Assert.Equal(Origin, everything.Origin);

        var http = Assert.IsType<McpHttpTransport>(servers[1].Transport);
        Assert.Equal(new Uri("http://127.0.0.1:3001/mcp"), http.Url);
        Assert.Equal(McpHttpMode.StreamableHttp, http.Mode);
        Assert.Equal("core", http.Headers["X-Team"]);
    }

    [Theory]
    [InlineData("""{"url": "http://127.0.0.1:9/mcp"}""", McpHttpMode.AutoDetect)]
    [InlineData("""{"type": "sse", "url": "http://127.0.0.1:9/sse"}""", McpHttpMode.Sse)]
    [InlineData("""{"type": "streamable-http", "url": "https://example.test/mcp"}""", McpHttpMode.StreamableHttp)]
    public void PicksTheHttpModeFromTypeOrItsAbsence(string server, McpHttpMode expected)
    {
        var parsed = McpServerConfig.ParseAll(Json.Parse($$"""{"r": {{server}}}"""), Origin, NoEnvironment);

        Assert.Equal(expected, Assert.IsType<McpHttpTransport>(Assert.Single(parsed).Transport).Mode);
    }

    [Fact]
    public void ReadsEnabledFlagsAndTimeouts()
    {
        var parsed = McpServerConfig.ParseAll(
            Json.Parse("""
            {
              "a": { "command": "x", "disabled": true },
              "b": { "command": "x", "enabled": false },
              "c": { "command": "x", "startupTimeoutSeconds": 5, "toolTimeoutSeconds": 0.5 }
            }
            """),
            Origin,
            NoEnvironment);

        Assert.False(parsed[0].Enabled);
        Assert.False(parsed[1].Enabled);
        Assert.True(parsed[2].Enabled);
        Assert.Equal(TimeSpan.FromSeconds(5), parsed[2].StartupTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), parsed[2].ToolTimeout);
    }

    [Fact]
    public void ExpandsVariablesFromTheSuppliedEnvironmentSoSecretsStayOutOfTheFile()
    {
        var environment = new Dictionary<string, string> { ["GITHUB_TOKEN"] = "ghp_secret", ["HOME"] = "/home/me" };

        var parsed = McpServerConfig.ParseAll(
            Json.Parse("""
            {
              "gh": { "command": "${HOME}/bin/gh-mcp", "args": ["--root", "${HOME}/src"], "env": { "TOKEN": "${GITHUB_TOKEN}", "LEVEL": "${LOG_LEVEL:-info}" } },
              "api": { "type": "http", "url": "http://127.0.0.1:${PORT:-8080}/mcp", "headers": { "Authorization": "Bearer ${GITHUB_TOKEN}" } }
            }
            """),
            Origin,
            environment);

        var api = Assert.IsType<McpHttpTransport>(parsed[0].Transport);
        Assert.Equal("Bearer ghp_secret", api.Headers["Authorization"]);
        Assert.Equal(8080, api.Url.Port);
        var gh = Assert.IsType<McpStdioTransport>(parsed[1].Transport);
        Assert.Equal("/home/me/bin/gh-mcp", gh.Command);
        Assert.Equal(["--root", "/home/me/src"], gh.Args);
        Assert.Equal("ghp_secret", gh.Env["TOKEN"]);
        Assert.Equal("info", gh.Env["LEVEL"]);
    }

    [Fact]
    public void AnUnsetVariableIsAnErrorNamingTheFileServerAndVariable()
    {
        var error = Assert.Throws<McpConfigException>(() => McpServerConfig.ParseAll(
            Json.Parse("""{"gh": {"command": "gh-mcp", "env": {"TOKEN": "${GITHUB_TOKEN}"}}}"""), Origin, NoEnvironment));

        Assert.Equal(Origin, error.Origin);
        Assert.Contains(Origin, error.Message, StringComparison.Ordinal);
        Assert.Contains("server 'gh'", error.Message, StringComparison.Ordinal);
        Assert.Contains("${GITHUB_TOKEN}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Bad Name": {"command": "x"}}""", "'Bad Name' is not a valid server name")]
    [InlineData("""{"s": {"args": ["a"]}}""", "server 's': needs either \"command\"")]
    [InlineData("""{"s": {"command": "x", "url": "http://127.0.0.1/mcp"}}""", "server 's': has both \"command\"")]
    [InlineData("""{"s": {"command": ""}}""", "server 's': \"command\" is required")]
    [InlineData("""{"s": {"command": "x", "args": "-y pkg"}}""", "server 's': \"args\" must be an array of strings, not a string")]
    [InlineData("""{"s": {"command": "x", "args": ["ok", 3]}}""", "server 's': \"args[1]\" must be a string, not the number 3")]
    [InlineData("""{"s": {"command": "x", "env": {"N": 1}}}""", "server 's': \"env.N\" must be a string")]
    [InlineData("""{"s": {"command": "x", "arg": ["typo"]}}""", "server 's': unknown setting 'arg'")]
    [InlineData("""{"s": {"type": "websocket", "url": "ws://x"}}""", "server 's': unknown \"type\" 'websocket'")]
    [InlineData("""{"s": {"type": "http", "url": "127.0.0.1:3001/mcp"}}""", "server 's': \"url\" '127.0.0.1:3001/mcp' is not an absolute http:// or https:// URL")]
    [InlineData("""{"s": {"type": "http", "url": "http://h/mcp", "command": "x"}}""", "server 's': \"command\" does not apply to an http server")]
    [InlineData("""{"s": {"command": "x", "headers": {}}}""", "server 's': \"headers\" does not apply to a stdio server")]
    [InlineData("""{"s": {"command": "x", "toolTimeoutSeconds": -1}}""", "server 's': \"toolTimeoutSeconds\" must be a number of seconds")]
    [InlineData("""{"s": {"command": "x", "enabled": "yes"}}""", "server 's': \"enabled\" must be true or false")]
    [InlineData("""{"s": {"command": "x", "deferTools": "sometimes"}}""", "server 's': \"deferTools\" must be \"auto\" (defer above 8 tools), \"always\", \"never\" or a whole number of tools above which to defer, not \"sometimes\"")]
    [InlineData("""{"s": {"command": "x", "deferTools": -2}}""", "server 's': \"deferTools\" must be")]
    [InlineData("""{"s": "npx server"}""", "server 's': settings must be an object")]
    [InlineData("""{"s": {"command": "x"}, "s": {"command": "y"}}""", "server 's' is defined twice")]
    [InlineData("""["everything"]""", "\"mcpServers\" must be an object")]
    public void RejectsBadConfigWithAClearMessage(string json, string expected)
    {
        var error = Assert.Throws<McpConfigException>(() => McpServerConfig.ParseAll(Json.Parse(json), Origin, NoEnvironment));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Invalid \"mcpServers\" in {Origin}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 8, false, true)]
    [InlineData("\"auto\"", 8, false, true)]
    [InlineData("\"always\"", 0, true, true)]
    [InlineData("\"never\"", null, false, false)]
    [InlineData("20", 20, false, false)]
    public void DeferToolsSetsTheThresholdAboveWhichAServersToolsAreDeferred(string? setting, int? above, bool defersOne, bool defersTwenty)
    {
        var json = setting is null ? """{"s": {"command": "x"}}""" : """{"s": {"command": "x", "deferTools": """ + setting + "}}";

        var server = McpServerConfig.ParseAll(Json.Parse(json), Origin, NoEnvironment).Single();

        Assert.Equal(above, server.DeferToolsAbove);
        Assert.Equal(defersOne, server.DefersTools(1));
        Assert.Equal(defersTwenty, server.DefersTools(20));
    }

    [Fact]
    public void ReportsEveryProblemAtOnceAndSuggestsAValidName()
    {
        var error = Assert.Throws<McpConfigException>(() => McpServerConfig.ParseAll(
            Json.Parse("""{"My Server": {"command": "x"}, "ok": {"command": "x"}, "two": {"url": 5}}"""), Origin, NoEnvironment));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("(e.g. 'my-server')", error.Problems[0], StringComparison.Ordinal);
        Assert.Contains("server 'two': \"url\" must be a string", error.Problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void DoesNotEchoSecretValuesInErrors()
    {
        var error = Assert.Throws<McpConfigException>(() => McpServerConfig.ParseAll(
            Json.Parse("""{"s": {"type": "http", "url": "http://h/mcp", "headers": "Bearer sk-live-123"}}"""), Origin, NoEnvironment));

        Assert.DoesNotContain("sk-live-123", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullOrMissingMeansNoServers()
    {
        Assert.Empty(McpServerConfig.ParseAll(default, Origin, NoEnvironment));
        Assert.Empty(McpServerConfig.ParseAll(Json.Parse("null"), Origin, NoEnvironment));
        Assert.Empty(McpServerConfig.ParseAll(Json.Parse("{}"), Origin, NoEnvironment));
    }

    [Fact]
    public void ForeignKeysFromOtherClientsAreAccepted()
    {
        var parsed = McpServerConfig.ParseAll(
            Json.Parse("""{"s": {"command": "x", "description": "shared with Cline", "autoApprove": ["read"]}}"""), Origin, NoEnvironment);

        Assert.Equal("s", Assert.Single(parsed).Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("UPPER")]
    [InlineData("has space")]
    [InlineData("dots.not.allowed")]
    [InlineData("a-name-that-is-far-too-long-for-tool-names")]
    public void ConstructorRejectsInvalidNames(string name)
    {
        Assert.False(McpServerConfig.IsValidName(name));
        Assert.Throws<ArgumentException>(() => new McpServerConfig(name, new McpStdioTransport("x")));
    }

    [Fact]
    public void TimeoutsMustBePositive()
    {
        var config = new McpServerConfig("ok_name-1", new McpStdioTransport("x"));

        Assert.Throws<ArgumentOutOfRangeException>(() => config with { ToolTimeout = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => config with { StartupTimeout = TimeSpan.FromSeconds(-1) });
    }
}
