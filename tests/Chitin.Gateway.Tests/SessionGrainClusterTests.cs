using Chitin.Core.Agents;
using Chitin.Core.Events;
using Chitin.Core.Serialization;
using Chitin.Gateway.Realtime;
using Chitin.Gateway.Sessions;
using Chitin.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Chitin.Gateway.Tests;

/// <summary>
/// <see cref="ISessionGrain"/> on Orleans' in-process test cluster. The silo runs the real turn executor (agent loop,
/// SQLite session store) of a gateway started against the scripted model server.
/// </summary>
public sealed class SessionGrainClusterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Turns_of_one_session_run_one_at_a_time_in_arrival_order_and_pending_counts_them()
    {
        using var gates = new PromptGates("a1");
        await using var rig = await ClusterRig.StartAsync(gates);
        var grain = rig.Grain("api:serial");
        Assert.Equal(0, await grain.PendingAsync());

        var a1 = await rig.SendAsync(grain, "a1");
        await gates.Reached("a1").WaitAsync(Patience);
        var a2 = await rig.SendAsync(grain, "a2");
        var a3 = await rig.SendAsync(grain, "a3");
        Assert.Equal(3, await grain.PendingAsync());
        Assert.Equal(1, gates.Arrived);

        gates.Open("a1");
        var results = await Task.WhenAll(a1.RestAsync(), a2.RestAsync(), a3.RestAsync());
        Assert.Equal(["answer to a1", "answer to a2", "answer to a3"], results.Select(r => r.FinalText));
        Assert.Equal(["a1", "a2", "a3"], rig.Fixture.Model.Requests.Select(r => r.Parsed!.LastUserText));
        Assert.Single(results.Select(r => r.SessionId).Distinct());
        Assert.Equal(0, await grain.PendingAsync());
    }

    [Fact]
    public async Task Two_sessions_run_their_turns_concurrently()
    {
        using var gates = new PromptGates("left", "right");
        await using var rig = await ClusterRig.StartAsync(gates);
        var left = await rig.SendAsync(rig.Grain("api:left"), "left");
        var right = await rig.SendAsync(rig.Grain("api:right"), "right");

        // Both model requests are in flight at once: neither session waited for the other.
        await Task.WhenAll(gates.Reached("left"), gates.Reached("right")).WaitAsync(Patience);
        gates.Open("left");
        gates.Open("right");
        Assert.Equal("answer to left", (await left.RestAsync()).FinalText);
        Assert.Equal("answer to right", (await right.RestAsync()).FinalText);
    }

    [Fact]
    public async Task Stop_cancels_the_running_turn_only()
    {
        using var gates = new PromptGates("long", "other");
        await using var rig = await ClusterRig.StartAsync(gates);
        var grain = rig.Grain("api:stop");
        var otherGrain = rig.Grain("api:other");
        Assert.False(await grain.StopAsync());

        var running = await rig.SendAsync(grain, "long");
        await gates.Reached("long").WaitAsync(Patience);
        var queued = await rig.SendAsync(grain, "next");
        var other = await rig.SendAsync(otherGrain, "other");
        await gates.Reached("other").WaitAsync(Patience);

        Assert.True(await grain.StopAsync());
        Assert.Equal(RunStatus.Cancelled, (await running.RestAsync()).Status);
        Assert.Equal("answer to next", (await queued.RestAsync()).FinalText);

        // The other session's turn was not touched: it is still running and finishes normally.
        Assert.Equal(1, await otherGrain.PendingAsync());
        gates.Open("other");
        Assert.Equal(RunStatus.Done, (await other.RestAsync()).Status);
    }

    /// <summary>A gateway (for its turn executor and stores) plus a one-silo in-process test cluster hosting the grains.</summary>
    private sealed class ClusterRig : IAsyncDisposable
    {
        private readonly InProcessTestCluster _cluster;

        private ClusterRig(GatewayFixture fixture, InProcessTestCluster cluster)
        {
            Fixture = fixture;
            _cluster = cluster;
        }

        public GatewayFixture Fixture { get; }

        public static async Task<ClusterRig> StartAsync(PromptGates gates)
        {
            var fixture = await GatewayFixture.StartAsync(gates.Script);
            var services = fixture.Gateway.App.Services;
            var builder = new InProcessTestClusterBuilder(1);
            builder.ConfigureSilo((_, silo) => silo.ConfigureServices(s =>
            {
                s.AddSingleton(services.GetRequiredService<TurnExecutor>());
                s.AddSingleton(services.GetRequiredService<GatewayStore>());
                s.AddSingleton(new SessionBroadcaster());
            }));
            var cluster = builder.Build();
            await cluster.DeployAsync();
            return new ClusterRig(fixture, cluster);
        }

        public ISessionGrain Grain(string key) => _cluster.Client.GetGrain<ISessionGrain>(key);

        /// <summary>Sends a message and waits until the grain has queued it (the first item of its stream).</summary>
        public async Task<Turn> SendAsync(ISessionGrain grain, string text)
        {
            var request = new TurnRequest { RunId = OrleansConversationDispatcher.NewRunId(), Text = text, Source = "test" };
            var events = grain.SendAsync(request).GetAsyncEnumerator();
            Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(Patience));
            Assert.Null(events.Current.Json);
            return new Turn(events);
        }

        public async ValueTask DisposeAsync()
        {
            await _cluster.DisposeAsync();
            await Fixture.DisposeAsync();
        }
    }

    private sealed class Turn(IAsyncEnumerator<TurnEvent> events)
    {
        /// <summary>Reads the rest of the turn's events and returns its result.</summary>
        public async Task<AgentRunResult> RestAsync()
        {
            await using (events)
            {
                AgentRunResult? result = null;
                while (await events.MoveNextAsync().AsTask().WaitAsync(Patience))
                {
                    if (System.Text.Json.JsonSerializer.Deserialize(events.Current.Json!, CoreJsonContext.Default.AgentEvent) is RunCompleted done)
                    {
                        result = done.Result;
                    }
                }

                return result ?? throw new InvalidOperationException("the turn ended without a result");
            }
        }
    }
}
