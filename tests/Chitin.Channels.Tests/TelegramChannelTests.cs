using Chitin.Channels.Pairing;
using Chitin.Channels.Telegram;
using Chitin.Channels.Tests.Support;
using Chitin.Testing.Scripting;

namespace Chitin.Channels.Tests;

/// <summary>The Telegram channel against a fake Bot API over HTTP, the scripted model and the real agent loop.</summary>
public sealed class TelegramChannelTests
{
    private static ModelScript Echo() => ModelScript.FromResponder(request => ScriptStep.Text("answer to: " + request.LastUserText));

    [Fact]
    public async Task An_unknown_sender_gets_a_pairing_code_and_no_model_request_and_is_answered_once_approved()
    {
        await using var rig = await TelegramRig.StartAsync(Echo());
        var channel = rig.Channel(rig.Settings(AccessPolicy.Pairing), await rig.HostAsync());
        await channel.StartAsync(TelegramRig.Timeout());

        var first = rig.Telegram.SendText(chatId: 42, fromId: 42, "hello?", userName: "stranger");
        var pairing = await rig.Telegram.WaitForSentAsync(m => m.ChatId == 42, TelegramRig.Timeout());
        await rig.Telegram.WaitForConfirmedAsync(first, TelegramRig.Timeout());
        await channel.WaitUntilIdleAsync(TelegramRig.Timeout());

        Assert.Empty(rig.Model.Requests);
        var request = Assert.Single(rig.Pairing().Pending());
        Assert.Equal("42", request.SenderId);
        Assert.Contains(request.Code, pairing.Text, StringComparison.Ordinal);
        Assert.Contains("chitin pairing approve " + request.Code, pairing.Text, StringComparison.Ordinal);

        // A second message before approval gets the same code, still without a model call.
        rig.Telegram.SendText(chatId: 42, fromId: 42, "anyone?");
        await rig.Telegram.WaitForSentAsync(m => m.ChatId == 42 && m.MessageId != pairing.MessageId, TelegramRig.Timeout());
        Assert.Empty(rig.Model.Requests);
        Assert.All(rig.Telegram.Sent, m => Assert.Contains(request.Code, m.Text, StringComparison.Ordinal));

        Assert.NotNull(rig.Pairing().Approve(request.Code.ToLowerInvariant()));
        rig.Telegram.SendText(chatId: 42, fromId: 42, "now?");
        var reply = await rig.Telegram.WaitForSentAsync(m => m.Text.StartsWith("answer to:", StringComparison.Ordinal), TelegramRig.Timeout());

        Assert.Equal("answer to: now?", reply.Text);
        Assert.Equal(42, reply.ChatId);
        Assert.Single(rig.Model.Requests);
        Assert.Empty(rig.Pairing().Pending());
    }

    [Fact]
    public async Task In_a_forum_group_a_mention_or_reply_is_answered_in_its_own_topic_and_each_topic_is_its_own_session()
    {
        await using var rig = await TelegramRig.StartAsync(Echo());
        var dispatcher = await rig.HostAsync();
        var channel = rig.Channel(rig.Settings(AccessPolicy.Pairing, "77"), dispatcher);
        await channel.StartAsync(TelegramRig.Timeout());

        rig.Telegram.SendText(-100, 77, "just chatting, not to the bot", "supergroup", threadId: 7);
        rig.Telegram.SendText(-100, 99, "@chitin_bot hi from a stranger", "supergroup", threadId: 7);
        rig.Telegram.SendText(-100, 77, "@chitin_bot status of topic seven", "supergroup", threadId: 7);
        var replied = rig.Telegram.SendText(-100, 77, "and topic nine", "supergroup", threadId: 9, replyToBot: true);

        var seven = await rig.Telegram.WaitForSentAsync(m => m.Text == "answer to: status of topic seven", TelegramRig.Timeout());
        var nine = await rig.Telegram.WaitForSentAsync(m => m.Text == "answer to: and topic nine", TelegramRig.Timeout());
        await rig.Telegram.WaitForConfirmedAsync(replied, TelegramRig.Timeout());
        await channel.WaitUntilIdleAsync(TelegramRig.Timeout());

        Assert.Equal((-100, 7), (seven.ChatId, seven.ThreadId));
        Assert.Equal((-100, 9), (nine.ChatId, nine.ThreadId));
        Assert.NotNull(seven.ReplyToMessageId);
        Assert.Contains((-100L, (int?)7), rig.Telegram.ChatActions);
        Assert.Contains((-100L, (int?)9), rig.Telegram.ChatActions);
        Assert.Equal(2, rig.Model.Requests.Count);
        Assert.Equal(2, rig.Telegram.Sent.Count);
        Assert.Equal(["telegram:-100:topic:7", "telegram:-100:topic:9"], dispatcher.Turns.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_long_answer_is_split_at_paragraphs_within_the_telegram_limit()
    {
        var paragraphs = Enumerable.Range(1, 30).Select(i => $"Paragraph {i}: " + new string((char)('a' + (i % 26)), 380)).ToList();
        var answer = string.Join("\n\n", paragraphs);
        await using var rig = await TelegramRig.StartAsync(ModelScript.FromResponder(_ => ScriptStep.Text(answer)));
        var channel = rig.Channel(rig.Settings(AccessPolicy.Allowlist, "5"), await rig.HostAsync());
        await channel.StartAsync(TelegramRig.Timeout());

        rig.Telegram.SendText(5, 5, "write a lot");
        await rig.Telegram.WaitForSentAsync(m => m.Text.EndsWith(paragraphs[^1], StringComparison.Ordinal), TelegramRig.Timeout());
        await channel.WaitUntilIdleAsync(TelegramRig.Timeout());

        var parts = rig.Telegram.Sent.Select(m => m.Text).ToList();
        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.InRange(p.Length, 1, 4096));
        Assert.All(parts, p => Assert.StartsWith("Paragraph ", p, StringComparison.Ordinal));
        Assert.Equal(answer, string.Join("\n\n", parts));
    }

    [Fact]
    public async Task A_gateway_killed_mid_turn_answers_the_message_exactly_once_after_restart_despite_redelivery()
    {
        await using var rig = await TelegramRig.StartAsync(Echo());
        var settings = rig.Settings(AccessPolicy.Allowlist, "8");
        var crashing = new CrashingDispatcher();
        var before = rig.Channel(settings, crashing, holder: "gateway-before");
        await before.StartAsync(TelegramRig.Timeout());
        var update = rig.Telegram.SendText(8, 8, "survive this");
        var started = await crashing.Started.WaitAsync(TelegramRig.Timeout());
        await before.DisposeAsync();

        // Telegram sends the update again (the dead poller's offset may never have reached it).
        rig.Telegram.Redeliver(update);
        var after = rig.Channel(settings, await rig.HostAsync(), holder: "gateway-after");
        await after.StartAsync(TelegramRig.Timeout());
        await rig.Telegram.WaitForSentAsync(m => m.Text == "answer to: survive this", TelegramRig.Timeout());
        await rig.Telegram.WaitForConfirmedAsync(update, TelegramRig.Timeout());
        await after.WaitUntilIdleAsync(TelegramRig.Timeout());

        Assert.Equal("telegram:8", started.SessionKey);
        Assert.Single(rig.Telegram.Sent);
        Assert.Single(rig.Model.Requests);
    }

    [Fact]
    public async Task Messages_that_arrive_mid_turn_are_queued_and_answered_in_order()
    {
        await using var rig = await TelegramRig.StartAsync(Echo());
        var channel = rig.Channel(rig.Settings(AccessPolicy.Open), await rig.HostAsync());
        await channel.StartAsync(TelegramRig.Timeout());

        foreach (var text in new[] { "one", "two", "three" })
        {
            rig.Telegram.SendText(3, 3, text);
        }

        await rig.Telegram.WaitForSentAsync(m => m.Text == "answer to: three", TelegramRig.Timeout());
        await channel.WaitUntilIdleAsync(TelegramRig.Timeout());

        Assert.Equal(["answer to: one", "answer to: two", "answer to: three"], rig.Telegram.Sent.Select(m => m.Text));
        Assert.Equal(["one", "two", "three"], rig.Model.Requests.Select(r => r.Parsed!.LastUserText));
    }

    [Fact]
    public async Task Replies_are_retried_when_the_bot_api_fails()
    {
        await using var rig = await TelegramRig.StartAsync(Echo());
        var channel = rig.Channel(rig.Settings(AccessPolicy.Open), await rig.HostAsync());
        await channel.StartAsync(TelegramRig.Timeout());
        rig.Telegram.FailNextSends(2, 502);

        rig.Telegram.SendText(4, 4, "flaky");
        var reply = await rig.Telegram.WaitForSentAsync(m => m.ChatId == 4, TelegramRig.Timeout());
        await channel.WaitUntilIdleAsync(TelegramRig.Timeout());

        Assert.Equal("answer to: flaky", reply.Text);
        Assert.Single(rig.Telegram.Sent);
    }

    [Fact]
    public async Task In_webhook_mode_only_updates_with_the_secret_header_are_taken_and_a_repeat_is_a_duplicate()
    {
        await using var rig = await TelegramRig.StartAsync(Echo());
        var channel = rig.Channel(rig.Settings(AccessPolicy.Allowlist, "9"), await rig.HostAsync(), webhookSecret: "hook-secret");
        await channel.StartAsync(TelegramRig.Timeout());
        var update = rig.Telegram.SendText(9, 9, "via webhook");
        var body = rig.Telegram.UpdateJson(update);

        var wrong = await channel.HandleWebhookAsync(new Dictionary<string, string> { [TelegramChannel.SecretHeader] = "guess" }, body, TelegramRig.Timeout());
        var missing = await channel.HandleWebhookAsync(new Dictionary<string, string>(), body, TelegramRig.Timeout());
        Assert.Equal((401, 401), (wrong.StatusCode, missing.StatusCode));
        Assert.Empty(rig.Model.Requests);

        var headers = new Dictionary<string, string> { ["x-telegram-bot-api-secret-token"] = "hook-secret" };
        var accepted = await channel.HandleWebhookAsync(headers, body, TelegramRig.Timeout());
        var again = await channel.HandleWebhookAsync(headers, body, TelegramRig.Timeout());
        var garbage = await channel.HandleWebhookAsync(headers, "{not json", TelegramRig.Timeout());
        await rig.Telegram.WaitForSentAsync(m => m.Text == "answer to: via webhook", TelegramRig.Timeout());
        await channel.WaitUntilIdleAsync(TelegramRig.Timeout());

        Assert.Equal((200, "ok"), (accepted.StatusCode, accepted.Body));
        Assert.Equal((200, "duplicate"), (again.StatusCode, again.Body));
        Assert.Equal(400, garbage.StatusCode);
        Assert.Single(rig.Telegram.Sent);
        Assert.Equal(0, rig.Telegram.Polls);
    }

    [Fact]
    public async Task Stop_from_the_chat_cancels_the_running_turn_at_once_instead_of_waiting_behind_it()
    {
        await using var rig = await TelegramRig.StartAsync(Echo());
        var dispatcher = new StoppableDispatcher();
        var channel = rig.Channel(rig.Settings(AccessPolicy.Allowlist, "11"), dispatcher);
        await channel.StartAsync(TelegramRig.Timeout());

        rig.Telegram.SendText(11, 11, "a long job");
        await dispatcher.Started.WaitAsync(TelegramRig.Timeout());
        var stop = rig.Telegram.SendText(11, 11, "/stop");
        await rig.Telegram.WaitForConfirmedAsync(stop, TelegramRig.Timeout());
        await channel.WaitUntilIdleAsync(TelegramRig.Timeout());

        Assert.Equal(["telegram:11"], dispatcher.Stops);
        Assert.Equal(["Stopped.", "Stopped."], rig.Telegram.Sent.Select(m => m.Text));
        Assert.Empty(rig.Model.Requests);
    }

    [Fact]
    public async Task A_reply_that_cannot_be_delivered_is_kept_and_sent_after_restart_without_a_second_model_call()
    {
        await using var rig = await TelegramRig.StartAsync(Echo());
        var settings = rig.Settings(AccessPolicy.Allowlist, "12");
        var dispatcher = await rig.HostAsync();
        var before = rig.Channel(settings, dispatcher, holder: "gateway-before");
        await before.StartAsync(TelegramRig.Timeout());
        rig.Telegram.FailNextSends(100, 502);

        var update = rig.Telegram.SendText(12, 12, "remember me");
        await rig.Telegram.WaitForConfirmedAsync(update, TelegramRig.Timeout());
        await before.WaitUntilIdleAsync(TelegramRig.Timeout());
        await before.DisposeAsync();
        Assert.Empty(rig.Telegram.Sent);
        Assert.Single(rig.Model.Requests);

        rig.Telegram.FailNextSends(0);
        var after = rig.Channel(settings, dispatcher, holder: "gateway-after");
        await after.StartAsync(TelegramRig.Timeout());
        var reply = await rig.Telegram.WaitForSentAsync(m => m.ChatId == 12, TelegramRig.Timeout());
        await after.WaitUntilIdleAsync(TelegramRig.Timeout());

        Assert.Equal("answer to: remember me", reply.Text);
        Assert.Single(rig.Telegram.Sent);
        Assert.Single(rig.Model.Requests);
    }
}
