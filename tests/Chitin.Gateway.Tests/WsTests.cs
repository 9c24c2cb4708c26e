using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Chitin.Testing.Scripting;

namespace Chitin.Gateway.Tests;

public sealed class WsTests
{
    private const string Answer = "The answer streams in several deltas over the WebSocket.";

    [Fact]
    public async Task An_upgrade_without_a_token_is_refused_with_401()
    {
        await using var f = await GatewayFixture.StartAsync(ModelScript.FromSteps(ScriptStep.Text("unused")));
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var uri = new UriBuilder(f.Gateway.Address) { Scheme = "ws", Path = "/ws" }.Uri;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
        Assert.Empty(f.Model.Requests);
    }

    [Fact]
    public async Task A_turn_streams_its_events_with_contiguous_sequence_numbers()
    {
        await using var f = await GatewayFixture.StartAsync(ModelScript.FromSteps(ScriptStep.Text(Answer)));
        await using var ws = await WsClient.ConnectAsync(f);
        var hello = await ws.NextAsync();
        Assert.Equal("hello", WsClient.Type(hello));
        Assert.Equal(1, hello.GetProperty("protocol").GetInt32());

        await ws.SendAsync("""{"type":"turn.start","id":"req-1","session":"web:main","agent":"chitin","message":"hi"}""");
        var ack = await ws.NextAsync();
        Assert.Equal("ack", WsClient.Type(ack));
        Assert.Equal("req-1", ack.GetProperty("id").GetString());
        Assert.False(ack.GetProperty("duplicate").GetBoolean());
        Assert.Equal("web:main", ack.GetProperty("session").GetString());
        var run = ack.GetProperty("run").GetString()!;

        var (text, deltas) = await ws.UntilCompletedAsync(run);
        Assert.Equal(Answer, text);
        Assert.True(deltas > 1, $"expected the answer in several text_delta events, got {deltas}");
        Assert.Equal(Enumerable.Range(1, ws.Frames.Count).Select(i => (long)i), ws.Frames.Select(x => x.GetProperty("seq").GetInt64()));
        var events = ws.Frames.Where(x => WsClient.Type(x) == "event").Select(x => x.GetProperty("event").GetProperty("type").GetString()).ToList();
        Assert.Equal("run_started", events[0]);
        Assert.Equal("done", events[^1]);
    }

    [Fact]
    public async Task A_resent_request_id_is_acknowledged_as_a_duplicate_and_starts_no_second_model_request()
    {
        await using var f = await GatewayFixture.StartAsync(ModelScript.FromResponder(r => ScriptStep.Text("answer to " + r.LastUserText)));
        string run;
        await using (var first = await WsClient.ConnectAsync(f))
        {
            await first.NextAsync();
            await first.SendAsync("""{"type":"turn.start","id":"same-id","session":"web:dup","message":"once"}""");
            run = (await first.NextAsync()).GetProperty("run").GetString()!;
            Assert.Equal("answer to once", (await first.UntilCompletedAsync(run)).Text);
        }

        // A reconnecting client resends the request: acknowledged with the original run, nothing runs again.
        await using var second = await WsClient.ConnectAsync(f);
        await second.NextAsync();
        await second.SendAsync("""{"type":"turn.start","id":"same-id","session":"web:dup","message":"once"}""");
        var ack = await second.NextAsync();
        Assert.True(ack.GetProperty("duplicate").GetBoolean());
        Assert.Equal(run, ack.GetProperty("run").GetString());

        // A new request in the same session runs after anything the duplicate could have queued: one request each.
        await second.SendAsync("""{"type":"turn.start","id":"next-id","session":"web:dup","message":"twice"}""");
        var next = await second.UntilAsync(x => WsClient.Type(x) == "ack" && x.GetProperty("id").GetString() == "next-id");
        Assert.Equal("answer to twice", (await second.UntilCompletedAsync(next.GetProperty("run").GetString()!)).Text);
        Assert.Equal(["once", "twice"], f.Model.Requests.Select(r => r.Parsed!.LastUserText));
    }

    [Fact]
    public async Task Two_connections_subscribed_to_one_session_both_see_its_events()
    {
        await using var f = await GatewayFixture.StartAsync(ModelScript.FromSteps(ScriptStep.Text(Answer)));
        await using var watcher = await WsClient.ConnectAsync(f);
        await using var sender = await WsClient.ConnectAsync(f);
        await watcher.NextAsync();
        await sender.NextAsync();
        await watcher.SendAsync("""{"type":"session.subscribe","id":"sub-1","session":"web:shared"}""");
        Assert.Equal("ack", WsClient.Type(await watcher.NextAsync()));

        await sender.SendAsync("""{"type":"turn.start","id":"go","session":"web:shared","message":"hello"}""");
        var run = (await sender.NextAsync()).GetProperty("run").GetString()!;
        Assert.Equal(Answer, (await sender.UntilCompletedAsync(run)).Text);
        Assert.Equal(Answer, (await watcher.UntilCompletedAsync(run)).Text);
        Assert.Equal(Enumerable.Range(1, watcher.Frames.Count).Select(i => (long)i), watcher.Frames.Select(x => x.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task Bad_requests_get_an_error_frame_and_the_connection_stays_usable()
    {
        await using var f = await GatewayFixture.StartAsync(ModelScript.FromSteps(ScriptStep.Text("ok")));
        await using var ws = await WsClient.ConnectAsync(f);
        await ws.NextAsync();
        await ws.SendAsync("not json");
        var error = await ws.NextAsync();
        Assert.Equal("bad_request", error.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("id").ValueKind);

        await ws.SendAsync("""{"type":"turn.start","id":"t","session":"telegram:1","message":"x"}""");
        Assert.Contains("web:<name>", (await ws.NextAsync()).GetProperty("message").GetString(), StringComparison.Ordinal);

        await ws.SendAsync("""{"type":"approval.answer","id":"a","approval":"nope","allow":true}""");
        Assert.Equal("not_found", (await ws.NextAsync()).GetProperty("code").GetString());
        Assert.Empty(f.Model.Requests);
    }
}
