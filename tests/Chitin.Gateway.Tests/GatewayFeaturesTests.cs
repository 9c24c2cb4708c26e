using Chitin.Hosting.Configuration;
using Chitin.Scheduling.Cron;
using Chitin.Scheduling.Storage;
using Chitin.Testing.Scripting;
using Chitin.Testing.Telegram;

namespace Chitin.Gateway.Tests;

/// <summary>
/// Channels and cron inside the real gateway: a Telegram message (fake Bot API over HTTP) becomes a turn of a
/// session grain and its reply goes back to the chat; /api/channels and /api/cron list what runs; channel
/// routes carry their own proof instead of the gateway token.
/// </summary>
public sealed class GatewayFeaturesTests
{
    [Fact]
    public async Task A_telegram_message_runs_through_the_gateway_and_is_answered_in_its_chat()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        var config = $$"""
            { "channels": { "telegram": { "botTokenEnv": "TEST_BOT_TOKEN", "apiBaseUrl": "{{telegram.BaseUrl}}", "dmPolicy": "allowlist", "allowFrom": [42] } } }
            """;
        await using var fixture = await GatewayFixture.StartAsync(
            ModelScript.FromResponder(_ => ScriptStep.Text("hello from the gateway")),
            config,
            environment: new Dictionary<string, string> { ["TEST_BOT_TOKEN"] = telegram.Token });
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        telegram.SendText(chatId: 42, fromId: 42, text: "hi there");
        var reply = await telegram.WaitForSentAsync(m => m.Text.Contains("hello from the gateway", StringComparison.Ordinal), deadline.Token);

        Assert.Equal(42, reply.ChatId);
        Assert.Single(fixture.Model.Requests);
        var sessions = await fixture.Client.GetStringAsync("/api/sessions", deadline.Token);
        Assert.Contains("telegram:42", sessions, StringComparison.Ordinal);
        var channels = await fixture.Client.GetStringAsync("/api/channels", deadline.Token);
        Assert.Contains("\"telegram\"", channels, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_channel_whose_secret_variable_is_unset_stops_the_start_with_a_config_error_naming_it()
    {
        var config = """{ "channels": { "telegram": { "botTokenEnv": "UNSET_TEST_BOT_TOKEN", "apiBaseUrl": "http://127.0.0.1:9" } } }""";

        var error = await Assert.ThrowsAsync<ConfigException>(() => GatewayFixture.StartAsync(ModelScript.FromResponder(_ => ScriptStep.Text("ok")), config));

        Assert.Contains("channels.telegram.botTokenEnv names UNSET_TEST_BOT_TOKEN, but UNSET_TEST_BOT_TOKEN is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cron_jobs_are_listed_and_channel_routes_do_not_take_the_gateway_token()
    {
        await using var fixture = await GatewayFixture.StartAsync(ModelScript.FromResponder(_ => ScriptStep.Text("ok")));
        var jobs = CronJobStore.Open(Path.Combine(fixture.Home, "chitin.db"));
        jobs.Add(CronSchedule.ForEvery("10m"), "water the plants", deliver: null, DateTimeOffset.UtcNow);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var listed = await fixture.Client.GetStringAsync("/api/cron", deadline.Token);
        using var anonymous = new HttpClient { BaseAddress = fixture.Gateway.Address };
        var unknownWebhook = await anonymous.PostAsync("/channels/webhooks/nope", new StringContent("{}"), deadline.Token);
        var api = await anonymous.GetAsync("/api/cron", deadline.Token);

        Assert.Contains("water the plants", listed, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknownWebhook.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, api.StatusCode);
    }
}
