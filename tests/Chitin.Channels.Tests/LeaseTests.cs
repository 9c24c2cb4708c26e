using Chitin.Channels.Leases;
using Chitin.Channels.Pairing;
using Chitin.Channels.Storage;
using Chitin.Channels.Tests.Support;
using Chitin.Testing.Scripting;
using Microsoft.Extensions.Time.Testing;

namespace Chitin.Channels.Tests;

/// <summary>One poller per bot token, across processes sharing chitin.db.</summary>
public sealed class LeaseTests
{
    [Fact]
    public async Task A_second_poller_for_the_same_token_is_refused_until_the_first_stops()
    {
        await using var rig = await TelegramRig.StartAsync(ModelScript.FromSteps(ScriptStep.Text("unused")));
        var dispatcher = new CrashingDispatcher();
        var settings = rig.Settings(AccessPolicy.Open);
        var first = rig.Channel(settings, dispatcher, holder: "gateway-one");
        var second = rig.Channel(settings, dispatcher, holder: "gateway-two");
        await first.StartAsync(TelegramRig.Timeout());

        var refused = await Assert.ThrowsAsync<LeaseHeldException>(() => second.StartAsync(TelegramRig.Timeout()));
        Assert.Contains("gateway-one", refused.Message, StringComparison.Ordinal);
        Assert.Contains("only one may poll a bot token", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(rig.Telegram.Token, refused.Message, StringComparison.Ordinal);

        await first.StopAsync(TelegramRig.Timeout());
        await second.StartAsync(TelegramRig.Timeout());
        var polls = rig.Telegram.Polls;
        var update = rig.Telegram.SendText(1, 1, "/stop");
        await rig.Telegram.WaitForConfirmedAsync(update, TelegramRig.Timeout());
        Assert.True(rig.Telegram.Polls > polls);
    }

    [Fact]
    public void A_crashed_holders_lease_runs_out_and_can_then_be_taken_over()
    {
        var root = Directory.CreateTempSubdirectory("chitin-lease-").FullName;
        try
        {
            var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
            using var db1 = ChannelDatabase.Open(Path.Combine(root, "chitin.db"));
            using var db2 = ChannelDatabase.Open(Path.Combine(root, "chitin.db"));
            var name = SingletonLease.NameForToken("telegram", "123:secret");
            var crashed = new SingletonLease(db1, name, "crashed", TimeSpan.FromSeconds(90), time);
            var next = new SingletonLease(db2, name, "next", TimeSpan.FromSeconds(90), time);

            Assert.True(crashed.TryAcquire(out _));
            time.Advance(TimeSpan.FromSeconds(60));
            Assert.True(crashed.TryAcquire(out _)); // renewed: now good until 150 s
            time.Advance(TimeSpan.FromSeconds(80));
            Assert.False(next.TryAcquire(out var holder));
            Assert.Equal("crashed", holder);
            time.Advance(TimeSpan.FromSeconds(11));
            Assert.True(next.TryAcquire(out holder));
            Assert.Equal("next", holder);
            Assert.False(crashed.TryAcquire(out _));
            Assert.DoesNotContain("secret", name, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
