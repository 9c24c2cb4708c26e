using Chitin.Gateway.Features;
using Chitin.Testing.Scripting;
using Chitin.Testing.Telegram;
using Microsoft.Extensions.DependencyInjection;

namespace Chitin.Gateway.Tests;

/// <summary>channels.telegram.midTurn through the real gateway (session grains) and a fake Bot API over HTTP.</summary>
public sealed class SteeringTests
{
    [Fact]
    public async Task With_steer_a_message_sent_mid_turn_reaches_the_running_turns_next_model_request_and_gets_no_turn_of_its_own()
    {
        using var gate = new Gate("first");
        await using var telegram = await FakeTelegramServer.StartAsync();
        await using var f = await StartAsync(gate, telegram, "steer");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        telegram.SendText(chatId: 5, fromId: 5, text: "first");
        await gate.Reached.WaitAsync(deadline.Token);
        var second = telegram.SendText(chatId: 5, fromId: 5, text: "second");

        // The poller confirms an update only after handing it on: the running turn has it now.
        await telegram.WaitForConfirmedAsync(second, deadline.Token);
        gate.Open();
        await telegram.WaitForSentAsync(m => m.Text == "answer to second", deadline.Token);
        await Channel(f).WaitUntilIdleAsync(deadline.Token);

        var requests = f.Model.Requests;
        Assert.Equal(2, requests.Count);
        var messages = requests[1].Parsed!.Messages;
        Assert.Equal(["first", "answer to first", "second"], messages.Where(m => m.Role is ScriptRole.User or ScriptRole.Assistant).Select(m => m.Text));
        Assert.Equal(["answer to second"], telegram.Sent.Where(m => m.Method == "sendMessage").Select(m => m.Text));
    }

    [Fact]
    public async Task With_queue_a_message_sent_mid_turn_gets_its_own_turn_after_the_running_one()
    {
        using var gate = new Gate("first");
        await using var telegram = await FakeTelegramServer.StartAsync();
        await using var f = await StartAsync(gate, telegram, "queue");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        telegram.SendText(chatId: 5, fromId: 5, text: "first");
        await gate.Reached.WaitAsync(deadline.Token);
        var second = telegram.SendText(chatId: 5, fromId: 5, text: "second");
        await telegram.WaitForConfirmedAsync(second, deadline.Token);
        gate.Open();
        await telegram.WaitForSentAsync(m => m.Text == "answer to second", deadline.Token);
        await Channel(f).WaitUntilIdleAsync(deadline.Token);

        Assert.Equal(["first", "second"], f.Model.Requests.Select(r => r.Parsed!.LastUserText));
        Assert.Equal(["answer to first", "answer to second"], telegram.Sent.Where(m => m.Method == "sendMessage").Select(m => m.Text));
    }

    private static Task<GatewayFixture> StartAsync(Gate gate, FakeTelegramServer telegram, string midTurn) =>
        GatewayFixture.StartAsync(
            gate.Script,
            $$"""{ "channels": { "telegram": { "botTokenEnv": "TEST_BOT_TOKEN", "apiBaseUrl": "{{telegram.BaseUrl}}", "dmPolicy": "open", "midTurn": "{{midTurn}}" } } }""",
            environment: new Dictionary<string, string> { ["TEST_BOT_TOKEN"] = telegram.Token });

    private static Chitin.Channels.Telegram.TelegramChannel Channel(GatewayFixture f) =>
        f.Gateway.App.Services.GetRequiredService<GatewayFeatures>().Channels!.Telegram!;
}
