using System.Globalization;
using Chitin.Channels.Approvals;
using Chitin.Channels.Storage;
using Chitin.Channels.Tests.Support;
using Chitin.Channels.Webhook;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Channels.Tests;

/// <summary>The generic webhook channel: HMAC-signed inbound requests, signed outbound replies with retries.</summary>
public sealed class WebhookChannelTests
{
    private const string Secret = "webhook-shared-secret";

    [Fact]
    public async Task A_signed_message_is_answered_and_bad_stale_or_replayed_requests_are_refused_without_a_model_call()
    {
        using var folder = new ChannelFolder();
        await using var model = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(r => ScriptStep.Text("answer to: " + r.LastUserText)));
        var (host, dispatcher, safety) = await folder.StartHostAsync(model);
        using var receiver = new ReplyReceiver(failFirst: 2);
        using var database = ChannelDatabase.Open(folder.Database);
        using var http = new HttpClient();
        await using var channel = new WebhookChannel(new WebhookSettings { Name = "ci", SecretEnv = "CI_SECRET", Url = receiver.Url }, Secret, database, dispatcher, new ChannelApprovals(), http, retryDelay: TimeSpan.FromMilliseconds(10));
        try
        {
            await channel.StartAsync(CancellationToken.None);
            var body = """{"id":"build-17","text":"did the build pass?","conversation":"pr-4"}""";
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

            var forged = await channel.HandleAsync(Headers(now, WebhookSignature.Sign("wrong-secret", now, body)), body, CancellationToken.None);
            var tampered = await channel.HandleAsync(Headers(now, WebhookSignature.Sign(Secret, now, body)), body.Replace("pass", "fail", StringComparison.Ordinal), CancellationToken.None);
            var stale = await channel.HandleAsync(Headers(now - 600, WebhookSignature.Sign(Secret, now - 600, body)), body, CancellationToken.None);
            var unsigned = await channel.HandleAsync(new Dictionary<string, string>(), body, CancellationToken.None);
            Assert.Equal([401, 401, 408, 401], new[] { forged, tampered, stale, unsigned }.Select(r => r.StatusCode));
            Assert.Empty(model.Requests);

            var accepted = await channel.HandleAsync(Headers(now, WebhookSignature.Sign(Secret, now, body)), body, CancellationToken.None);
            var replayed = await channel.HandleAsync(Headers(now, WebhookSignature.Sign(Secret, now, body)), body, CancellationToken.None);
            Assert.Equal(202, accepted.StatusCode);
            Assert.Equal(409, replayed.StatusCode);

            Assert.True(receiver.Received.TryTake(out var reply, TimeSpan.FromSeconds(60)));
            await channel.WaitUntilIdleAsync(CancellationToken.None);
            Assert.Contains("\"text\":\"answer to: did the build pass?\"", reply.Body, StringComparison.Ordinal);
            Assert.Contains("\"conversation\":\"pr-4\"", reply.Body, StringComparison.Ordinal);
            Assert.Null(WebhookSignature.Check(Secret, reply.Headers[WebhookSignature.TimestampHeader], reply.Headers[WebhookSignature.SignatureHeader], reply.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
            Assert.Equal(3, receiver.Attempts);
            Assert.Single(model.Requests);
            Assert.Empty(receiver.Received);
        }
        finally
        {
            await channel.StopAsync(CancellationToken.None);
            await host.DisposeAsync();
            safety.Dispose();
        }
    }

    [Fact]
    public void Signatures_are_checked_in_full()
    {
        var at = DateTimeOffset.Parse("2026-03-01T12:00:00Z", CultureInfo.InvariantCulture);
        var signature = WebhookSignature.Sign(Secret, at.ToUnixTimeSeconds(), "{}");
        var stamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        Assert.Null(WebhookSignature.Check(Secret, stamp, signature, "{}", at.AddMinutes(4), TimeSpan.FromMinutes(5)));
        Assert.Equal("stale timestamp", WebhookSignature.Check(Secret, stamp, signature, "{}", at.AddMinutes(6), TimeSpan.FromMinutes(5)));
        var flipped = signature[..^1] + (signature[^1] == '0' ? '1' : '0');
        Assert.Equal("signature does not match", WebhookSignature.Check(Secret, stamp, flipped, "{}", at, TimeSpan.FromMinutes(5)));
        Assert.NotNull(WebhookSignature.Check(Secret, "soon", signature, "{}", at, TimeSpan.FromMinutes(5)));
    }

    private static Dictionary<string, string> Headers(long timestamp, string signature) => new(StringComparer.OrdinalIgnoreCase)
    {
        [WebhookSignature.TimestampHeader] = timestamp.ToString(CultureInfo.InvariantCulture),
        [WebhookSignature.SignatureHeader] = signature,
    };
}
