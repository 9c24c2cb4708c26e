using Chitin.Channels.Configuration;
using Chitin.Channels.Tests.Support;
using Chitin.Channels.Telegram;
using Chitin.Hosting.Configuration;
using Chitin.Testing.Scripting;

namespace Chitin.Channels.Tests;

/// <summary>What the gateway gets: channels built from config with secrets from the environment, and a messenger for delivery targets.</summary>
public sealed class ChannelSetTests
{
    [Fact]
    public async Task A_missing_secret_variable_is_a_config_error_and_delivery_targets_reach_the_chat_and_topic()
    {
        await using var rig = await TelegramRig.StartAsync(ModelScript.FromSteps(ScriptStep.Text("unused")));
        using var http = new HttpClient();
        var settings = new ChannelsSettings { Telegram = new TelegramSettings { BotTokenEnv = "BOT_FOR_TEST", ApiBaseUrl = rig.Telegram.BaseUrl } };

        var missing = Assert.Throws<ConfigException>(() => ChannelSet.Create(settings, rig.Folder.Database, new Dictionary<string, string>(), new CrashingDispatcher(), http));
        Assert.Contains("BOT_FOR_TEST is not set", missing.Message, StringComparison.Ordinal);

        await using var set = ChannelSet.Create(settings, rig.Folder.Database, new Dictionary<string, string> { ["BOT_FOR_TEST"] = rig.Telegram.Token }, new CrashingDispatcher(), http,
            telegramOptions: new TelegramChannelOptions { PollTimeoutSeconds = 5 });
        await set.StartAsync(TelegramRig.Timeout());

        Assert.True(set.Messenger.CanDeliver("telegram:-1001:7"));
        Assert.False(set.Messenger.CanDeliver("telegram:not-a-chat"));
        Assert.False(set.Messenger.CanDeliver("webhook:ci"));
        await set.Messenger.DeliverAsync("telegram:-1001:7", "cron says hi", TelegramRig.Timeout());

        var sent = Assert.Single(rig.Telegram.Sent);
        Assert.Equal((-1001, 7, "cron says hi"), (sent.ChatId, sent.ThreadId, sent.Text));
        Assert.Equal("chitin_bot", set.Telegram!.BotUserName);
        await set.StopAsync(TelegramRig.Timeout());
    }
}
