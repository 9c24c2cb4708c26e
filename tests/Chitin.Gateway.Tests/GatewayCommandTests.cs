using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Gateway.Tests;

/// <summary>`chitin gateway` and `chitin gateway status` as real processes: the CLI finds chitin-gateway next to itself.</summary>
public sealed class GatewayCommandTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Chitin_gateway_runs_reports_status_and_stops_cleanly_on_sigterm()
    {
        var root = Directory.CreateTempSubdirectory("chitin-gateway-cli-").FullName;
        try
        {
            await using var model = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("hi")));
            var context = GatewayFixture.Context(root, model, null);
            var port = FreePort();
            var environment = new Dictionary<string, string>(context.Environment);
            using var gateway = CliProcess.Start(["gateway", "--port", port.ToString(CultureInfo.InvariantCulture)], environment, context.WorkingDirectory);
            await gateway.WaitForOutputAsync("chitin gateway listening on", Deadline);

            using (var status = CliProcess.Start(["gateway", "status", "--json", "--port", port.ToString(CultureInfo.InvariantCulture)], environment, context.WorkingDirectory))
            {
                Assert.Equal(0, await status.WaitForExitAsync(Deadline));
                var json = JsonDocument.Parse(status.Output).RootElement;
                Assert.True(json.GetProperty("running").GetBoolean());
                Assert.Equal("token", json.GetProperty("status").GetProperty("auth").GetString());
                Assert.Equal(0, json.GetProperty("status").GetProperty("running_turns").GetInt32());
            }

            Assert.DoesNotContain(File.ReadAllText(Path.Combine(root, "home", "gateway", "token")).Trim(), gateway.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Participant check thread has not completed", gateway.Output, StringComparison.Ordinal);
            gateway.Terminate();
            Assert.Equal(0, await gateway.WaitForExitAsync(Deadline));

            using var after = CliProcess.Start(["gateway", "status", "--port", port.ToString(CultureInfo.InvariantCulture)], environment, context.WorkingDirectory);
            Assert.Equal(1, await after.WaitForExitAsync(Deadline));
            Assert.Contains("not running", after.Output, StringComparison.Ordinal);

            // The log file keeps the gateway's lines after it stopped, in an owner-only folder, without the token.
            var logs = Path.Combine(root, "home", "logs");
            var log = File.ReadAllText(Assert.Single(Directory.GetFiles(logs, "gateway*.log")));
            Assert.Contains("chitin.gateway: gateway started: listening on http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), log, StringComparison.Ordinal);
            Assert.Contains("gateway stopped", log, StringComparison.Ordinal);
            Assert.DoesNotContain(File.ReadAllText(Path.Combine(root, "home", "gateway", "token")).Trim(), log, StringComparison.Ordinal);
            Assert.False(Chitin.Core.Safety.OwnerOnly.IsOpenToOthers(logs));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Chitin_gateway_refuses_a_public_bind_without_auth_with_a_clear_error()
    {
        var root = Directory.CreateTempSubdirectory("chitin-gateway-cli-").FullName;
        try
        {
            await using var model = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("hi")));
            var context = GatewayFixture.Context(root, model, """{ "gateway": { "auth": "none" } }""");
            using var gateway = CliProcess.Start(["gateway", "--bind", "0.0.0.0", "--port", "0"], new Dictionary<string, string>(context.Environment), context.WorkingDirectory);
            Assert.Equal(2, await gateway.WaitForExitAsync(Deadline));
            Assert.Contains("refusing to listen on 0.0.0.0", gateway.Output, StringComparison.Ordinal);
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
