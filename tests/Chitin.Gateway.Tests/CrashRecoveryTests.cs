using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Chitin.Testing.Server;
using Chitin.Testing.Telegram;

namespace Chitin.Gateway.Tests;

/// <summary>The real chitin-gateway process, SIGKILLed mid-turn and started again on the same CHITIN_HOME.</summary>
public sealed class CrashRecoveryTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_gateway_killed_mid_turn_answers_the_message_exactly_once_after_restart()
    {
        var root = Directory.CreateTempSubdirectory("chitin-gateway-crash-").FullName;
        try
        {
            using var gate = new Gate("survive this");
            await using var telegram = await FakeTelegramServer.StartAsync();
            await using var model = await ScriptedModelServer.StartAsync(gate.Script);
            var config = $$"""{ "channels": { "telegram": { "botTokenEnv": "TEST_BOT_TOKEN", "apiBaseUrl": "{{telegram.BaseUrl}}", "dmPolicy": "allowlist", "allowFrom": [8] } } }""";
            var context = GatewayFixture.Context(root, model, config, new Dictionary<string, string> { ["TEST_BOT_TOKEN"] = telegram.Token });
            var environment = new Dictionary<string, string>(context.Environment);
            string[] args = ["--port", FreePort().ToString(CultureInfo.InvariantCulture)];
            using var deadline = new CancellationTokenSource(Deadline);

            using (var first = CliProcess.Start(CliProcess.GatewayDll, args, environment, context.WorkingDirectory))
            {
                await first.WaitForOutputAsync("chitin gateway listening on", Deadline);
                telegram.SendText(chatId: 8, fromId: 8, text: "survive this");

                // The model request has arrived and is held: the turn is provably in progress when the process dies.
                await gate.Reached.WaitAsync(deadline.Token);
                await first.KillAsync(Deadline);
                Assert.DoesNotContain(telegram.Sent, m => m.Method == "sendMessage");
            }

            gate.Open();
            using var second = CliProcess.Start(CliProcess.GatewayDll, args, environment, context.WorkingDirectory);
            await second.WaitForOutputAsync("chitin gateway listening on", Deadline);

            // A later message in the same chat is answered after the recovered one (one conversation runs in order).
            telegram.SendText(chatId: 8, fromId: 8, text: "after");
            await telegram.WaitForSentAsync(m => m.Text == "answer to after", deadline.Token);

            Assert.Equal(["answer to survive this", "answer to after"], telegram.Sent.Where(m => m.Method == "sendMessage").Select(m => m.Text));
            Assert.Equal(["survive this", "survive this", "after"], model.Requests.Select(r => r.Parsed!.LastUserText));
            second.Terminate();
            Assert.Equal(0, await second.WaitForExitAsync(Deadline));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
