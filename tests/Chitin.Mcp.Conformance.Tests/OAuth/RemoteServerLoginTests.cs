using System.Text.Json;
using System.Text.Json.Nodes;
using Chitin.Mcp.Conformance.Tests.Support;

namespace Chitin.Mcp.Conformance.Tests.OAuth;

/// <summary>
/// <c>chitin mcp login</c>, <c>mcp list</c> and <c>mcp check</c> against a real OAuth-protected MCP server on loopback.
/// The "browser" is curl following the authorization URL to Chitin's loopback redirect listener.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RemoteServerLoginTests : IAsyncLifetime
{
    private const string Browser = "curl -fsSL -o /dev/null";
    private readonly string _home = Directory.CreateTempSubdirectory("chitin-oauth-home-").FullName;
    private readonly string _workspace = Directory.CreateTempSubdirectory("chitin-oauth-ws-").FullName;
    private readonly OAuthProtectedServer _server = new();

    private string TokenDirectory => Path.Combine(_home, "mcp", "tokens");

    public Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_home, "config.json"), $$"""
            {
              // a comment the login must not disturb
              "mcpServers": { "remote": { "type": "http", "url": "{{_server.McpUrl}}" } }
            }
            """);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Login_stores_the_tokens_owner_only_and_later_runs_use_them_without_a_browser()
    {
        var login = await RunAsync(["mcp", "login", "remote"], Browser);

        Assert.True(login.ExitCode == 0, login.Stderr);
        Assert.Equal(1, _server.Authorizations);
        var file = Assert.Single(Directory.GetFiles(TokenDirectory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(TokenDirectory));

        // "false" as the browser: any new login attempt would fail, so success means the stored token was used.
        var list = await RunAsync(["mcp", "list", "--json"], "false");

        Assert.True(list.ExitCode == 0, list.Stderr);
        var server = JsonNode.Parse(list.Stdout)!["servers"]![0]!;
        Assert.Equal("connected", (string?)server["status"]);
        Assert.Equal("mcp__remote__echo", (string?)server["tools"]![0]!["name"]);
        Assert.Equal(1, _server.Authorizations);
        AssertNoTokenIn(login, list);
        AssertNoTokenIn(File.ReadAllText(Path.Combine(_home, "config.json")));
        Assert.Contains("// a comment the login must not disturb", File.ReadAllText(Path.Combine(_home, "config.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_token_is_refreshed_without_a_new_login()
    {
        Assert.Equal(0, (await RunAsync(["mcp", "login", "remote"], Browser)).ExitCode);
        var file = Assert.Single(Directory.GetFiles(TokenDirectory));
        var stored = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        var firstAccess = (string)stored["AccessToken"]!;
        stored["ObtainedAt"] = DateTimeOffset.UtcNow.AddHours(-2).ToString("O");
        File.WriteAllText(file, stored.ToJsonString());
        _server.Revoke(firstAccess);

        var list = await RunAsync(["mcp", "list", "--json"], "false");

        Assert.True(list.ExitCode == 0, list.Stdout + list.Stderr);
        Assert.Equal(1, _server.Refreshes);
        Assert.Equal(1, _server.Authorizations);
        var refreshed = (string)JsonNode.Parse(File.ReadAllText(file))!["AccessToken"]!;
        Assert.NotEqual(firstAccess, refreshed);
        AssertNoTokenIn(list);
    }

    [Fact]
    public async Task Without_a_login_a_run_reports_the_server_as_failed_and_says_how_to_log_in()
    {
        var list = await RunAsync(["mcp", "list", "--json"], "false");

        Assert.Equal(1, list.ExitCode);
        var server = JsonNode.Parse(list.Stdout)!["servers"]![0]!;
        Assert.Equal("failed", (string?)server["status"]);
        Assert.Contains("chitin mcp login remote", (string?)server["error"], StringComparison.Ordinal);
        Assert.Equal(0, _server.Authorizations);
    }

    [Fact]
    public async Task Check_logs_in_lists_and_calls_a_tool_and_prints_no_token()
    {
        var check = await RunAsync(["mcp", "check", _server.McpUrl.AbsoluteUri, "--call", "echo={}", "--json"], Browser);

        Assert.True(check.ExitCode == 0, check.Stderr);
        var output = JsonNode.Parse(check.Stdout)!;
        Assert.Equal("connected", (string?)output["status"]);
        Assert.Equal("echoed", (string?)output["calls"]![0]!["text"]);
        Assert.False(Directory.Exists(TokenDirectory));
        AssertNoTokenIn(check);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_home, recursive: true);
        Directory.Delete(_workspace, recursive: true);
    }

    private Task<ChitinRun> RunAsync(IReadOnlyList<string> arguments, string browser) => ChitinRun.RunAsync(arguments, _home, _workspace, browser);

    private void AssertNoTokenIn(params ChitinRun[] runs)
    {
        foreach (var run in runs)
        {
            AssertNoTokenIn(run.Stdout + run.Stderr);
        }
    }

    private void AssertNoTokenIn(string text)
    {
        Assert.NotEmpty(_server.Issued);
        foreach (var token in _server.Issued)
        {
            Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        }
    }
}
