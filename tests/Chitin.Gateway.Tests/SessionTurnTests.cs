using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Chitin.Core.Events;
using Chitin.Gateway.Sessions;
using Chitin.Gateway.Storage;
using Chitin.Hosting.Gateway;
using Chitin.Testing.Scripting;
using Microsoft.Extensions.DependencyInjection;

namespace Chitin.Gateway.Tests;

public sealed class SessionTurnTests
{
    [Fact]
    public async Task A_message_that_arrives_mid_turn_is_queued_and_answered_next_in_order()
    {
        using var gate = new Gate("first");
        await using var f = await GatewayFixture.StartAsync(gate.Script);

        var first = StartStream(f, "first", "bob");
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        // The headers come back once the second message is queued behind the running turn.
        var second = StartStream(f, "second", "bob");
        var secondHeaders = await second.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, secondHeaders.StatusCode);
        Assert.Equal(1, gate.Arrived);

        gate.Open();
        var firstText = await StreamedTextAsync(await first);
        var secondText = await StreamedTextAsync(secondHeaders);
        Assert.Equal("answer to first", firstText);
        Assert.Equal("answer to second", secondText);

        // The second turn saw the first one's whole exchange: it started after the first had finished.
        var requests = f.Model.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Contains(requests[1].Parsed!.Messages, m => m.Role == ScriptRole.Assistant && m.Text == "answer to first");
    }

    [Fact]
    public async Task Cancelling_a_run_stops_the_running_turn()
    {
        using var gate = new Gate("long task");
        await using var f = await GatewayFixture.StartAsync(gate.Script);
        var stream = StartStream(f, "long task", "carol");
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        var response = await stream;
        var runId = response.Headers.GetValues("X-Chitin-Run").Single();

        var cancel = await f.Client.PostAsync(new Uri($"/api/runs/{runId}/cancel", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.True(JsonDocument.Parse(await cancel.Content.ReadAsStringAsync()).RootElement.GetProperty("cancelled").GetBoolean());

        var body = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("answer to long task", body, StringComparison.Ordinal);

        var run = JsonDocument.Parse(await f.Client.GetStringAsync(new Uri($"/api/runs/{runId}", UriKind.Relative))).RootElement;
        Assert.Equal("cancelled", run.GetProperty("status").GetString());
        Assert.Equal("api:carol", run.GetProperty("session_key").GetString());

        var again = await f.Client.PostAsync(new Uri($"/api/runs/{runId}/cancel", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await f.Client.GetAsync(new Uri("/api/runs/run_missing", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_dispatcher_channels_use_serialises_a_conversation_and_stop_cancels_it()
    {
        using var gate = new Gate("one");
        await using var f = await GatewayFixture.StartAsync(gate.Script);
        var dispatcher = f.Gateway.App.Services.GetRequiredService<IConversationDispatcher>();
        Assert.False(await dispatcher.StopAsync("telegram:7", CancellationToken.None));

        var one = CollectAsync(dispatcher.SendAsync(new ConversationMessage { SessionKey = "telegram:7", Text = "one", Source = "telegram", MessageId = "m1" }, CancellationToken.None));
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        var two = CollectAsync(dispatcher.SendAsync(new ConversationMessage { SessionKey = "telegram:7", Text = "two", Source = "telegram", MessageId = "m2" }, CancellationToken.None));

        Assert.True(await dispatcher.StopAsync("telegram:7", CancellationToken.None));
        var oneEvents = await one;
        Assert.Equal(Chitin.Core.Agents.RunStatus.Cancelled, Assert.IsType<RunCompleted>(oneEvents[^1]).Result.Status);

        var twoEvents = await two;
        var done = Assert.IsType<RunCompleted>(twoEvents[^1]);
        Assert.Equal("answer to two", done.Result.FinalText);
        Assert.Equal(oneEvents[0].SessionId, done.SessionId);
    }

    [Fact]
    public async Task A_shutdown_parks_the_running_turn_and_the_session_resumes_after_restart()
    {
        using var gate = new Gate("park me");
        var f = await GatewayFixture.StartAsync(gate.Script, """{ "gateway": { "shutdownGraceSeconds": 0 } }""");
        string runId;
        try
        {
            var stream = StartStream(f, "park me", "dave");
            await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));
            runId = (await stream).Headers.GetValues("X-Chitin-Run").Single();
            await f.Gateway.DisposeAsync();
        }
        finally
        {
            gate.Open();
            f.Client.Dispose();
        }

        try
        {
            using var store = new GatewayStore(Path.Combine(f.Home, "chitin.db"), TimeProvider.System);
            var run = await store.GetRunAsync(runId, CancellationToken.None);
            Assert.Equal("parked", run!.Status);
            Assert.NotNull(await store.FindSessionAsync("api:dave", CancellationToken.None));
        }
        finally
        {
            await f.Model.DisposeAsync();
            Directory.Delete(f.Root, recursive: true);
        }
    }

    private static async Task<HttpResponseMessage> StartStream(GatewayFixture f, string text, string session)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent($$"""{"model":"chitin","stream":true,"messages":[{"role":"user","content":"{{text}}"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Chitin-Session", session);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", f.Gateway.Token);
        return await f.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private static async Task<string> StreamedTextAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var text = new StringBuilder();
        foreach (var e in body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            if (e == "data: [DONE]")
            {
                break;
            }

            var choices = JsonDocument.Parse(e["data: ".Length..]).RootElement.GetProperty("choices");
            if (choices.GetArrayLength() > 0 && choices[0].GetProperty("delta").TryGetProperty("content", out var c))
            {
                text.Append(c.GetString());
            }
        }

        return text.ToString();
    }

    private static async Task<List<AgentEvent>> CollectAsync(IAsyncEnumerable<AgentEvent> events)
    {
        var list = new List<AgentEvent>();
        await foreach (var e in events)
        {
            list.Add(e);
        }

        return list;
    }
}
