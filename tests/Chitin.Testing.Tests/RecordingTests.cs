using System.Net;
using Chitin.Testing.Faults;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Chitin.Testing.Tests.Support;

namespace Chitin.Testing.Tests;

public sealed class RecordingTests
{
    [Fact]
    public async Task Every_request_is_recorded_with_headers_body_and_outcome()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("ok")));
        server.Faults.Enqueue(Fault.ServerError(500));
        var before = DateTimeOffset.UtcNow;
        var body = Raw.AnthropicRequest(stream: false, Raw.User("hello there"));

        using (await Raw.PostAnthropicAsync(server.BaseUrl, body))
        {
        }

        using (await Raw.PostAnthropicAsync(server.BaseUrl, body))
        {
        }

        var requests = server.Requests;
        Assert.Equal([0, 1], requests.Select(r => r.Index));
        var faulted = requests[0];
        Assert.Equal("POST", faulted.Method);
        Assert.Equal("/v1/messages", faulted.Path);
        Assert.Equal(WireFormat.Anthropic, faulted.WireFormat);
        Assert.Equal("k", faulted.Headers["X-API-KEY"]);
        Assert.Equal("2023-06-01", faulted.Headers["anthropic-version"]);
        Assert.Equal(body.ToJsonString(), faulted.Body);
        Assert.Equal("hello there", faulted.Parsed!.LastUserText);
        Assert.Equal(500, faulted.StatusCode);
        Assert.Equal(FaultKind.ServerError, faulted.FaultApplied!.Kind);
        Assert.True(faulted.PromptTokens > 10);
        Assert.InRange(faulted.ReceivedAt, before, DateTimeOffset.UtcNow);
        Assert.Equal(200, requests[1].StatusCode);
        Assert.Null(requests[1].FaultApplied);
        Assert.True(requests[1].ReceivedAt >= faulted.ReceivedAt);
        Assert.Equal(0, requests[1].CachedTokens); // the faulted request never reached the model, so nothing was cached
    }

    [Fact]
    public async Task Unknown_paths_and_wrong_methods_are_answered_and_recorded()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("ok")));

        using var wrongBase = await Raw.PostAsync(server.BaseUrl + "/v1/v1/messages", "{}");
        using var wrongMethod = await Raw.Http.GetAsync(server.BaseUrl + "/v1/chat/completions");

        Assert.Equal(HttpStatusCode.NotFound, wrongBase.StatusCode);
        var message = (await Raw.JsonAsync(wrongBase)).GetProperty("error").GetProperty("message").GetString();
        Assert.Contains("no endpoint POST /v1/v1/messages", message, StringComparison.Ordinal);
        Assert.Contains("POST /v1/messages", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal(["/v1/v1/messages", "/v1/chat/completions"], server.Requests.Select(r => r.Path));
        Assert.Equal([404, 405], server.Requests.Select(r => r.StatusCode));
        Assert.All(server.Requests, r => Assert.Null(r.Parsed));
    }

    [Fact]
    public async Task Concurrent_requests_get_distinct_indexes_in_order()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(r => ScriptStep.Text($"#{r.Index}")));

        var texts = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            using var response = await Raw.PostOpenAIAsync(server.BaseUrl, Raw.OpenAIRequest(stream: i % 2 == 0, Raw.User($"q{i}")));
            return await response.Content.ReadAsStringAsync();
        }));

        var requests = server.Requests;
        Assert.Equal(Enumerable.Range(0, 24), requests.Select(r => r.Index));
        Assert.Equal(Enumerable.Range(0, 24).Select(i => $"q{i}").Order(), requests.Select(r => r.Parsed!.LastUserText!).Order());
        Assert.All(requests, r => Assert.Equal(r.Index, r.Parsed!.Index));
        Assert.All(texts, t => Assert.Contains("#", t, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Requests_is_a_snapshot_and_keeps_only_the_most_recent_when_capped()
    {
        await using var server = await ScriptedModelServer.StartAsync(
            ModelScript.FromResponder(_ => ScriptStep.Text("ok")),
            new ScriptedModelServerOptions { MaxRecordedRequests = 10 });

        var snapshot = server.Requests;
        for (var i = 0; i < 12; i++)
        {
            using (await Raw.PostOpenAIAsync(server.BaseUrl, Raw.OpenAIRequest(stream: false, Raw.User($"q{i}"))))
            {
            }
        }

        Assert.Empty(snapshot);
        var kept = server.Requests;
        Assert.True(kept.Count <= 10);
        Assert.Equal(11, kept[^1].Index);
        Assert.Equal(Enumerable.Range(12 - kept.Count, kept.Count), kept.Select(r => r.Index));
    }
}
