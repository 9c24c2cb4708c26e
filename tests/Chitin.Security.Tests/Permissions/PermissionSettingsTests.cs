using System.Text.Json;
using Chitin.Security.Permissions;
using Chitin.Security.Sandbox;
using Chitin.Security.Tests.Support;

namespace Chitin.Security.Tests.Permissions;

public class PermissionSettingsTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void A_full_permissions_section_is_read()
    {
        var settings = PermissionSettings.Parse(
            Json("""
                {"mode": "acceptEdits", "allow": ["run_shell(git status*)", "read_file"], "ask": ["run_shell(git push*)"],
                 "deny": ["read_file(~/.ssh/**)"], "additionalDirectories": ["~/shared"], "disableUnrestrictedMode": true}
                """),
            "/home/u/.chitin/config.json");

        Assert.Equal(PermissionMode.AcceptEdits, settings.Mode);
        Assert.Equal(["run_shell(git status*)", "read_file"], settings.Allow);
        Assert.Equal(["run_shell(git push*)"], settings.Ask);
        Assert.Equal(["read_file(~/.ssh/**)"], settings.Deny);
        Assert.Equal(["~/shared"], settings.AdditionalDirectories);
        Assert.True(settings.DisableUnrestrictedMode);
    }

    [Fact]
    public void An_unknown_mode_names_the_file()
    {
        var error = Assert.Throws<PermissionConfigurationException>(() => PermissionSettings.Parse(Json("""{"mode": "yolo"}"""), "/repo/.chitin/config.json"));
        Assert.Contains("\"yolo\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("/repo/.chitin/config.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("default, acceptEdits, plan, unrestricted", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"denny": []}""", "permissions.denny")]
    [InlineData("""{"allow": "run_shell"}""", "must be an array of strings")]
    [InlineData("""{"allow": [42]}""", "permissions.allow[0]")]
    [InlineData("""{"disableUnrestrictedMode": "yes"}""", "must be true or false")]
    [InlineData("""[]""", "must be an object")]
    public void Malformed_sections_are_rejected_with_the_key_and_file(string json, string expected)
    {
        var error = Assert.Throws<PermissionConfigurationException>(() => PermissionSettings.Parse(Json(json), "/x/config.json"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("/x/config.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_rule_names_its_list_position_and_file()
    {
        var error = Assert.Throws<PermissionConfigurationException>(() =>
            PermissionSettings.Parse(Json("""{"deny": ["run_shell(rm*)", "run_shell(rm"]}"""), "/x/config.json"));
        Assert.Contains("\"run_shell(rm\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("permissions.deny[1] of /x/config.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_managed_policy_is_no_policy()
    {
        using var temp = new TempDirectory();
        Assert.Null(ManagedPolicy.Load(temp.Combine("managed.json")));
    }

    [Fact]
    public void A_managed_policy_becomes_the_managed_layer()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("managed.json");
        File.WriteAllText(path, """
            {
              // comments are allowed
              "permissions": {"deny": ["run_shell(curl*)"], "disableUnrestrictedMode": true},
              "hooks": {"before_tool": [{"matcher": "run_shell", "command": "true"}]},
              "sandbox": "required"
            }
            """);

        var policy = ManagedPolicy.Load(path)!;

        Assert.Equal(PermissionSource.Managed, policy.Permissions.Source);
        Assert.Equal(path, policy.Permissions.Origin);
        Assert.Equal(["run_shell(curl*)"], policy.Permissions.Settings.Deny);
        Assert.True(policy.Permissions.Settings.DisableUnrestrictedMode);
        Assert.Equal("run_shell", Assert.Single(policy.Hooks).Matcher);
        Assert.Equal(SandboxPolicy.Required, policy.Sandbox);
        Assert.True(policy.Trust.AllowTrust);
        Assert.Empty(policy.Trust.TrustedPaths);
    }

    [Fact]
    public void A_managed_policy_can_pre_trust_folders_and_forbid_trust()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("managed.json");
        File.WriteAllText(path, """{ "trust": { "trustedPaths": ["/srv/repos", "~/work"], "allowTrust": false } }""");

        var policy = ManagedPolicy.Load(path)!;

        Assert.Equal(["/srv/repos", "~/work"], policy.Trust.TrustedPaths);
        Assert.False(policy.Trust.AllowTrust);
    }

    [Theory]
    [InlineData("{\"permissions\": {\"deny\": [}", "not valid JSON (line 1)")]
    [InlineData("{\"permisions\": {}}", "\"permisions\"")]
    [InlineData("{\"sandbox\": \"sometimes\"}", "Unknown sandbox policy")]
    [InlineData("{\"hooks\": {\"before_tol\": []}}", "hooks.before_tol")]
    [InlineData("{\"trust\": {\"trustedPaths\": [\"relative/repo\"]}}", "trust.trustedPaths[0]")]
    [InlineData("{\"trust\": {\"allowTrust\": \"no\"}}", "trust.allowTrust")]
    [InlineData("{\"trust\": {\"trusted\": []}}", "trust.trusted ")]
    public void A_malformed_managed_policy_is_a_clear_error_naming_the_file(string content, string expected)
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("managed.json");
        File.WriteAllText(path, content);

        var error = Assert.Throws<PermissionConfigurationException>(() => ManagedPolicy.Load(path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_managed_policy_path_can_be_moved_with_an_environment_variable()
    {
        var saved = Environment.GetEnvironmentVariable(ManagedPolicy.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(ManagedPolicy.EnvironmentVariable, null);
            Assert.Equal("/etc/chitin/managed.json", ManagedPolicy.DefaultPath);
            Environment.SetEnvironmentVariable(ManagedPolicy.EnvironmentVariable, "/opt/policy/chitin.json");
            Assert.Equal("/opt/policy/chitin.json", ManagedPolicy.DefaultPath);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ManagedPolicy.EnvironmentVariable, saved);
        }
    }
}
