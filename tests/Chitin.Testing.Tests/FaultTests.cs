using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using Chitin.Testing.Faults;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Chitin.Testing.Tests.Support;

namespace Chitin.Testing.Tests;

public sealed class FaultTests
{
    private const string Answer = "First answer, streamed in several pieces to the client.";

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Rate_limited_answers_429_with_retry_after_and_keeps_the_step_for_the_retry(string format)
    {
        await using var server = await Start(ScriptStep.Text(Answer), ScriptStep.Text("second"));
        server.Faults.Enqueue(Fault.RateLimited(retryAfterSeconds: 7));

        using var limited = await Send(format, server, stream: false);
        var error = await Raw.JsonAsync(limited);
        using var retried = await Send(format, server, stream: false);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), limited.Headers.RetryAfter?.Delta);
        if (format == Sdk.OpenAI)
        {
            Assert.Equal("rate_limit_exceeded", error.GetProperty("error").GetProperty("code").GetString());
        }
        else
        {
            Assert.Equal("rate_limit_error", error.GetProperty("error").GetProperty("type").GetString());
        }

        Assert.Equal(Answer, await TextOf(format, retried));
        Assert.Equal(FaultKind.RateLimited, server.Requests[0].FaultApplied?.Kind);
        Assert.Equal(429, server.Requests[0].StatusCode);
        Assert.Null(server.Requests[1].FaultApplied);
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Server_error_answers_its_status_and_keeps_the_step(string format)
    {
        await using var server = await Start(ScriptStep.Text(Answer));
        server.Faults.Enqueue(Fault.ServerError(503));

        using var failed = await Send(format, server, stream: true);
        var message = format == Sdk.OpenAI
            ? (await Raw.JsonAsync(failed)).GetProperty("error").GetProperty("message").GetString()
            : (await Raw.JsonAsync(failed)).GetProperty("error").GetProperty("message").GetString();
        using var retried = await Send(format, server, stream: false);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Contains("503", message, StringComparison.Ordinal);
        Assert.Equal(Answer, await TextOf(format, retried));
    }

    [Theory]
    [InlineData(Sdk.OpenAI, 3)]
    [InlineData(Sdk.Anthropic, 3)]
    [InlineData(Sdk.OpenAI, 1)]
    [InlineData(Sdk.Anthropic, 5)]
    public async Task Cut_stream_delivers_exactly_the_given_events_then_ends_prematurely(string format, int chunks)
    {
        await using var server = await Start(ScriptStep.Text(Answer));
        server.Faults.Enqueue(Fault.CutStreamAfter(chunks));

        using var cut = await Send(format, server, stream: true);
        var (received, exception) = await ReadUntilFailureAsync(cut);
        using var retried = await Send(format, server, stream: true);
        var complete = Sse.Parse(await retried.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, cut.StatusCode);
        Assert.IsType<HttpIOException>(exception);
        var events = Sse.Parse(received);
        Assert.Equal(chunks, events.Count);
        Assert.Equal(complete.Take(chunks).Select(e => e.Name), events.Select(e => e.Name));
        Assert.Equal(Answer, TextIn(complete));
        Assert.Equal(1, server.Script.StepsConsumed); // only the retry consumed the step
        Assert.Equal(FaultKind.CutStreamAfter, server.Requests[0].FaultApplied?.Kind);
    }

    [Fact]
    public async Task Cut_stream_never_sends_the_terminal_event_even_when_asked_for_more_events_than_exist()
    {
        await using var server = await Start(ScriptStep.Text("short"));
        server.Faults.Enqueue(Fault.CutStreamAfter(1000));

        using var cut = await Send(Sdk.OpenAI, server, stream: true);
        var (received, exception) = await ReadUntilFailureAsync(cut);

        Assert.NotNull(exception);
        Assert.DoesNotContain("[DONE]", received, StringComparison.Ordinal);
        Assert.Contains("\"finish_reason\":\"stop\"", received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cut_non_streaming_response_stops_halfway_through_the_body()
    {
        await using var server = await Start(ScriptStep.Text(Answer));
        server.Faults.Enqueue(Fault.CutStreamAfter(2));

        using var cut = await Send(Sdk.Anthropic, server, stream: false);
        var (received, exception) = await ReadUntilFailureAsync(cut);

        Assert.IsType<HttpIOException>(exception);
        Assert.StartsWith("{\"id\":\"msg_", received, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(received));
    }

    [Fact]
    public async Task Cut_after_zero_events_drops_the_connection_before_any_response()
    {
        await using var server = await Start(ScriptStep.Text(Answer));
        server.Faults.Enqueue(Fault.CutStreamAfter(0));

        await Assert.ThrowsAsync<HttpRequestException>(() => Send(Sdk.OpenAI, server, stream: true));
        using var retried = await Send(Sdk.OpenAI, server, stream: false);

        Assert.Equal(Answer, await TextOf(Sdk.OpenAI, retried));
    }

    [Fact]
    public async Task Slow_first_token_sends_headers_then_waits_before_the_body_and_consumes_the_step()
    {
        var delay = TimeSpan.FromMilliseconds(300);
        await using var server = await Start(ScriptStep.Text(Answer), ScriptStep.Text("second"));
        server.Faults.Enqueue(Fault.SlowFirstToken(delay));

        var clock = Stopwatch.StartNew();
        using var slow = await Send(Sdk.OpenAI, server, stream: true);
        var body = await slow.Content.ReadAsStringAsync();
        var elapsed = clock.Elapsed;
        using var next = await Send(Sdk.OpenAI, server, stream: false);

        Assert.True(elapsed >= delay - TimeSpan.FromMilliseconds(20), $"the body came after {elapsed.TotalMilliseconds} ms");
        Assert.Equal(Answer, TextIn(Sse.Parse(body)));
        Assert.Equal("second", await TextOf(Sdk.OpenAI, next));
        Assert.Equal(FaultKind.SlowFirstToken, server.Requests[0].FaultApplied?.Kind);
    }

    [Fact]
    public async Task Malformed_tool_call_json_streams_truncated_arguments_and_consumes_the_step()
    {
        await using var server = await Start(
            ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"notes/plan.md"}""")),
            ScriptStep.Text("next"));
        server.Faults.Enqueue(Fault.MalformedToolCallJson());

        using var response = await Send(Sdk.OpenAI, server, stream: true);
        var events = Sse.Parse(await response.Content.ReadAsStringAsync());
        using var next = await Send(Sdk.OpenAI, server, stream: false);

        var arguments = string.Concat(events[..^1].Select(e => e.Json.GetProperty("choices"))
            .Where(c => c.GetArrayLength() == 1 && c[0].GetProperty("delta").TryGetProperty("tool_calls", out _))
            .Select(c => c[0].GetProperty("delta").GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString()));
        Assert.Equal("""{"path":"not""", arguments);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(arguments));
        Assert.Equal("next", await TextOf(Sdk.OpenAI, next));
    }

    [Fact]
    public async Task Malformed_tool_call_json_in_a_non_streaming_anthropic_message_is_a_string_input()
    {
        await using var server = await Start(ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"notes/plan.md"}""")));
        server.Faults.Enqueue(Fault.MalformedToolCallJson());

        using var response = await Send(Sdk.Anthropic, server, stream: false);
        var input = (await Raw.JsonAsync(response)).GetProperty("content")[0].GetProperty("input");

        Assert.Equal(JsonValueKind.String, input.ValueKind);
        Assert.Equal("""{"path":"not""", input.GetString());
    }

    [Fact]
    public async Task Faults_apply_first_in_first_out_one_per_chat_request()
    {
        await using var server = await Start(ScriptStep.Text("a"), ScriptStep.Text("b"));
        server.Faults.Enqueue(Fault.ServerError(502));
        server.Faults.Enqueue(Fault.RateLimited(1));
        Assert.Equal(2, server.Faults.Count);

        using var first = await Send(Sdk.OpenAI, server, stream: false);
        Assert.Equal(1, server.Faults.Count);
        using var models = await Raw.Http.GetAsync(server.BaseUrl + "/v1/models");
        Assert.Equal(1, server.Faults.Count); // only chat requests take faults
        using var second = await Send(Sdk.OpenAI, server, stream: false);
        using var third = await Send(Sdk.OpenAI, server, stream: false);

        Assert.Equal([HttpStatusCode.BadGateway, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], [first.StatusCode, second.StatusCode, third.StatusCode]);
        Assert.Equal(0, server.Faults.Count);
        Assert.Equal("a", await TextOf(Sdk.OpenAI, third));
    }

    [Fact]
    public void Fault_factories_reject_nonsense()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Fault.RateLimited(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fault.ServerError(200));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fault.CutStreamAfter(-2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fault.SlowFirstToken(TimeSpan.FromSeconds(-1)));
        Assert.Equal("ServerError(500)", Fault.ServerError().ToString());
    }

    private static Task<ScriptedModelServer> Start(params ScriptStep[] steps) => ScriptedModelServer.StartAsync(ModelScript.FromSteps(steps));

    private static Task<HttpResponseMessage> Send(string format, ScriptedModelServer server, bool stream) => format == Sdk.OpenAI
        ? Raw.PostOpenAIAsync(server.BaseUrl, Raw.OpenAIRequest(stream, Raw.User("hello")))
        : Raw.PostAnthropicAsync(server.BaseUrl, Raw.AnthropicRequest(stream, Raw.User("hello")));

    private static async Task<string> TextOf(string format, HttpResponseMessage response)
    {
        var json = await Raw.JsonAsync(response);
        return format == Sdk.OpenAI
            ? json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!
            : json.GetProperty("content")[0].GetProperty("text").GetString()!;
    }

    /// <summary>The text deltas of a stream in either format.</summary>
    private static string TextIn(List<SseEvent> events) => string.Concat(events.Where(e => e.Data != "[DONE]").Select(e => e.Json).Select(json =>
        json.TryGetProperty("choices", out var choices)
            ? choices.GetArrayLength() == 1 && choices[0].GetProperty("delta").TryGetProperty("content", out var content) ? content.GetString() : null
            : json.GetProperty("type").GetString() == "content_block_delta" ? json.GetProperty("delta").GetProperty("text").GetString() : null));

    private static async Task<(string Received, Exception? Failure)> ReadUntilFailureAsync(HttpResponseMessage response)
    {
        using var body = await response.Content.ReadAsStreamAsync();
        using var received = new MemoryStream();
        var buffer = new byte[256];
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, read);
            }

            return (Encoding.UTF8.GetString(received.ToArray()), null);
        }
        catch (IOException exception)
        {
            return (Encoding.UTF8.GetString(received.ToArray()), exception);
        }
    }
}
