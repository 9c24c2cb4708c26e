using System.Text;
using System.Text.Json;
using Chitin.Testing.Scripting;

namespace Chitin.Gateway.Tests;

/// <summary>
/// Memory capture's model call runs when a turn stops. The reply must not wait for it (a session whose capture keeps
/// re-reading a growing transcript would otherwise answer slower turn after turn), and the next turn must.
/// </summary>
public sealed class StopHookTurnTests
{
    [Fact]
    public async Task The_reply_ends_before_memory_capture_and_the_next_turn_waits_for_it()
    {
        using var capture = new ManualResetEventSlim();
        var captureReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var captureOpenWhenSecondArrived = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var f = await GatewayFixture.StartAsync(ModelScript.FromResponder(r =>
        {
            if (r.JsonMode)
            {
                captureReached.TrySetResult();
                capture.Wait(TimeSpan.FromSeconds(60));
                return ScriptStep.Text("""{"facts":[]}""");
            }

            if (r.LastUserText == "second")
            {
                captureOpenWhenSecondArrived.TrySetResult(capture.IsSet);
            }

            return ScriptStep.Text("answer to " + (r.LastUserText!.Length > 20 ? "the long one" : r.LastUserText));
        }));

        // Long enough that capture runs when the turn stops (short turns wait for more conversation).
        var longMessage = string.Concat(Enumerable.Repeat("I keep my notes in the docs folder and prefer short answers. ", 120));
        var first = AskAsync(f, longMessage);
        await captureReached.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Capture's model call is still blocked, yet the answer has been delivered whole.
        Assert.Equal("answer to the long one", await first.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(capture.IsSet);

        var second = AskAsync(f, "second");
        capture.Set();
        Assert.Equal("answer to second", await second.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(await captureOpenWhenSecondArrived.Task);
    }

    private static async Task<string> AskAsync(GatewayFixture f, string text)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object> { ["model"] = "chitin", ["user"] = "frank", ["messages"] = new[] { new Dictionary<string, string> { ["role"] = "user", ["content"] = text } } });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await f.Client.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
    }
}
