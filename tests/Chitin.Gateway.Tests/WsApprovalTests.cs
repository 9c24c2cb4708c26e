using System.Text.Json;
using Chitin.Testing.Scripting;
using Microsoft.Extensions.Time.Testing;

namespace Chitin.Gateway.Tests;

/// <summary>A tool call the policy asks about reaches every /ws connection of the session; the first answer wins, silence denies.</summary>
public sealed class WsApprovalTests
{
    private const string AskAboutReads = """{ "permissions": { "ask": ["read_file"] }, "channels": { "approvalTimeoutSeconds": 300 } }""";

    /// <summary>Reads notes.txt, then reports what the tool said.</summary>
    private static ModelScript ReadNotes() => ModelScript.FromResponder(request =>
        request.LastToolResults.Count == 0
            ? ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"notes.txt"}"""))
            : ScriptStep.Text("tool said: " + request.LastToolResults[0].Content));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_ask_is_answered_from_the_web_and_every_subscriber_sees_the_outcome(bool allow)
    {
        await using var f = await GatewayFixture.StartAsync(ReadNotes(), AskAboutReads, time: new FakeTimeProvider(DateTimeOffset.UtcNow));
        File.WriteAllText(Path.Combine(f.Root, "workspace", "notes.txt"), "the secret plan\n");
        await using var ws = await WsClient.ConnectAsync(f);
        await using var watcher = await WsClient.ConnectAsync(f);
        await ws.NextAsync();
        await watcher.NextAsync();
        await watcher.SendAsync("""{"type":"session.subscribe","id":"w","session":"web:notes"}""");
        await watcher.NextAsync();

        await ws.SendAsync("""{"type":"turn.start","id":"t1","session":"web:notes","message":"what is in my notes?"}""");
        var run = (await ws.NextAsync()).GetProperty("run").GetString()!;
        var asked = await ws.UntilAsync(x => WsClient.Type(x) == "approval_requested");
        Assert.Equal("read_file", asked.GetProperty("tool").GetString());
        Assert.Equal("web:notes", asked.GetProperty("session").GetString());
        var approval = asked.GetProperty("approval").GetString()!;
        Assert.Equal(approval, (await watcher.UntilAsync(x => WsClient.Type(x) == "approval_requested")).GetProperty("approval").GetString());

        await ws.SendAsync($$"""{"type":"approval.answer","id":"a1","approval":"{{approval}}","allow":{{(allow ? "true" : "false")}}}""");
        var resolved = await watcher.UntilAsync(x => WsClient.Type(x) == "approval_resolved");
        Assert.Equal(allow, resolved.GetProperty("allowed").GetBoolean());
        Assert.Equal("web", resolved.GetProperty("by").GetString());

        var answer = FinalText(await ws.UntilAsync(x => IsDone(x, run)));
        Assert.StartsWith("tool said:", answer, StringComparison.Ordinal);
        Assert.Equal(allow, answer.Contains("secret plan", StringComparison.Ordinal));

        // The question is settled: a late second answer finds nothing waiting.
        await watcher.SendAsync($$"""{"type":"approval.answer","id":"a2","approval":"{{approval}}","allow":true}""");
        Assert.Equal("not_found", (await watcher.UntilAsync(x => WsClient.Type(x) == "error")).GetProperty("code").GetString());
    }

    [Fact]
    public async Task No_answer_within_the_configured_time_denies_the_call()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var f = await GatewayFixture.StartAsync(ReadNotes(), AskAboutReads, time: time);
        File.WriteAllText(Path.Combine(f.Root, "workspace", "notes.txt"), "the secret plan\n");
        await using var ws = await WsClient.ConnectAsync(f);
        await ws.NextAsync();
        await ws.SendAsync("""{"type":"turn.start","id":"t1","session":"web:quiet","message":"what is in my notes?"}""");
        var run = (await ws.NextAsync()).GetProperty("run").GetString()!;
        var asked = await ws.UntilAsync(x => WsClient.Type(x) == "approval_requested");
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(300), DateTimeOffset.Parse(asked.GetProperty("expires_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(300));
        var resolved = await ws.UntilAsync(x => WsClient.Type(x) == "approval_resolved");
        Assert.False(resolved.GetProperty("allowed").GetBoolean());
        Assert.Equal("timeout", resolved.GetProperty("by").GetString());
        var answer = FinalText(await ws.UntilAsync(x => IsDone(x, run)));
        Assert.DoesNotContain("secret plan", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_session_nobody_watches_is_denied_at_once()
    {
        await using var f = await GatewayFixture.StartAsync(ReadNotes(), AskAboutReads, time: new FakeTimeProvider(DateTimeOffset.UtcNow));
        File.WriteAllText(Path.Combine(f.Root, "workspace", "notes.txt"), "the secret plan\n");
        using var content = new StringContent("""{"model":"chitin","user":"solo","messages":[{"role":"user","content":"what is in my notes?"}]}""", System.Text.Encoding.UTF8, "application/json");
        var response = await f.Client.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), content);
        var text = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        Assert.StartsWith("tool said:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret plan", text, StringComparison.Ordinal);
    }

    private static bool IsDone(JsonElement frame, string run) =>
        WsClient.Type(frame) == "event" && frame.GetProperty("run").GetString() == run && frame.GetProperty("event").GetProperty("type").GetString() == "done";

    private static string FinalText(JsonElement done) => done.GetProperty("event").GetProperty("result").GetProperty("final_text").GetString()!;
}
