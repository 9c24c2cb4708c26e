using System.Text.Json;
using Chitin.Channels.Configuration;
using Chitin.Channels.Pairing;

namespace Chitin.Channels.Tests;

public sealed class ChannelsSettingsTests
{
    [Fact]
    public void The_telegram_section_reads_every_key_and_group_policy_defaults_to_the_allow_list()
    {
        using var json = JsonDocument.Parse("""
            { "telegram": { "botTokenEnv": "MY_BOT", "apiBaseUrl": "http://127.0.0.1:8081/", "dmPolicy": "pairing", "allowFrom": [12345, "@alice"] },
              "webhooks": { "ci": { "secretEnv": "CI_SECRET", "url": "https://ci.example/hook" } },
              "approvalTimeoutSeconds": 90 }
            """);
        var settings = ChannelsSettings.Parse(json.RootElement);

        var telegram = settings.Telegram!;
        Assert.Equal("MY_BOT", telegram.BotTokenEnv);
        Assert.Equal("http://127.0.0.1:8081", telegram.ApiBaseUrl);
        Assert.Equal(AccessPolicy.Pairing, telegram.DmPolicy);
        Assert.Equal(["12345", "@alice"], telegram.AllowFrom);
        Assert.Equal(AccessPolicy.Allowlist, telegram.EffectiveGroupPolicy);
        Assert.Equal(AccessPolicy.Open, (telegram with { DmPolicy = AccessPolicy.Open }).EffectiveGroupPolicy);
        Assert.Equal("CI_SECRET", Assert.Single(settings.Webhooks).SecretEnv);
        Assert.Equal(TimeSpan.FromSeconds(90), settings.ApprovalTimeout);
    }
}
