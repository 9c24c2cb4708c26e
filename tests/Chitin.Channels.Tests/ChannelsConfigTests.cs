using Chitin.Channels.Configuration;
using Chitin.Channels.Pairing;
using Chitin.Hosting;
using Chitin.Hosting.Configuration;

namespace Chitin.Channels.Tests;

/// <summary>The "channels" section through the real config loader: values checked with file, line and key; read from the user file only.</summary>
public sealed class ChannelsConfigTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("chitin-channels-config-").FullName;

    [Fact]
    public void Wrong_values_are_errors_that_name_the_file_line_and_key()
    {
        var file = WriteUserConfig("""
            {
              "channels": {
                "telegram": {
                  "botTokenEnv": "123456:AAH-looks-like-a-token",
                  "dmPolicy": "everyone",
                  "allowFrom": [42, "@al"]
                },
                "webhooks": { "ci": { "secretEnv": "CI_SECRET", "url": "ftp://x" } }
              }
            }
            """);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Context()));

        Assert.Contains($"{file} line 4: channels.telegram.botTokenEnv must be an environment variable name", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{file} line 5: channels.telegram.dmPolicy must be \"pairing\"", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{file} line 6: channels.telegram.allowFrom[1] must be a Telegram user id", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{file} line 8: channels.webhooks.ci.url must be an absolute http(s) URL", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("allowFrom[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_user_file_configures_channels_and_a_project_file_cannot()
    {
        WriteUserConfig("""{ "channels": { "telegram": { "dmPolicy": "allowlist", "allowFrom": [42] }, "approvalTimeoutSeconds": 30 } }""");
        var project = Path.Combine(_root, "workspace", ".chitin", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(project)!);
        File.WriteAllText(project, """{ "channels": { "telegram": { "dmPolicy": "open" } } }""");

        var config = ConfigLoader.Load(Context());
        var settings = ChannelsSettings.From(config);

        Assert.Equal(AccessPolicy.Allowlist, settings.Telegram!.DmPolicy);
        Assert.Equal(["42"], settings.Telegram.AllowFrom);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.ApprovalTimeout);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private HostContext Context()
    {
        Directory.CreateDirectory(Path.Combine(_root, "workspace"));
        return new HostContext
        {
            Environment = new Dictionary<string, string> { ["CHITIN_HOME"] = Path.Combine(_root, "home"), ["HOME"] = _root },
            WorkingDirectory = Path.Combine(_root, "workspace"),
        };
    }

    private string WriteUserConfig(string json)
    {
        var file = Path.Combine(_root, "home", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, json);
        return file;
    }
}
