using System.Net;
using System.Text;
using System.Text.Json;
using Chitin.Testing.Scripting;

namespace Chitin.Gateway.Tests;

/// <summary>The loop guard on the gateway path: configured thresholds reach the turn, and the session goes on from memory.</summary>
public sealed class LoopGuardTurnTests
{
    [Fact]
    public async Task A_turn_stuck_on_a_failing_call_ends_loop_detected_and_the_next_turn_continues_the_session()
    {
        var script = ModelScript.FromResponder(r => r.LastUserText == "thanks, stop"
            ? ScriptStep.Text("stopped")
            : ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"missing.txt"}""")));
        await using var f = await GatewayFixture.StartAsync(script, userConfig: """{ "agent": { "loopGuard": { "repeatedFailureNudge": 1, "repeatedFailureStop": 2 } } }""");

        var stuck = await CompleteAsync(f, "read missing.txt");

        Assert.Equal(HttpStatusCode.BadGateway, stuck.StatusCode);
        var error = JsonDocument.Parse(await stuck.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("loop_detected", error.GetProperty("code").GetString());
        Assert.Equal(2, f.Model.Requests.Count); // the configured stop, not the default third call
        var runId = stuck.Headers.GetValues("X-Chitin-Run").Single();
        var run = JsonDocument.Parse(await f.Client.GetStringAsync(new Uri($"/api/runs/{runId}", UriKind.Relative))).RootElement;
        Assert.Equal("loop_detected", run.GetProperty("status").GetString());

        var next = await CompleteAsync(f, "thanks, stop");

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var last = f.Model.Requests[^1].Parsed!;
        Assert.Equal(2, last.AllToolResults.Count()); // the stuck turn's results, carried in the session
        Assert.Single(last.Messages, m => m.Text.StartsWith("[loop guard]", StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> CompleteAsync(GatewayFixture f, string text)
    {
        using var content = new StringContent($$"""{"model":"chitin","user":"dave","messages":[{"role":"user","content":"{{text}}"}]}""", Encoding.UTF8, "application/json");
        return await f.Client.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), content);
    }
}
