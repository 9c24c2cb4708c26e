using Chitin.Core.Agents;
using Chitin.Providers.Chat;
using Chitin.Providers.Tests.Support;
using Chitin.Testing.Faults;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Microsoft.Extensions.AI;

namespace Chitin.Providers.Tests.Http;

public sealed class RetryTests
{
    private const string Answer = "Answer after the server recovered.";

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task RateLimitIsRetriedAfterTheServersRetryAfter(WireFormat format)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text(Answer)));
        server.Faults.Enqueue(Fault.RateLimited(retryAfterSeconds: 1));
        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, format));
        using var deadline = ProviderTestKit.Deadline();

        List<ChatResponseUpdate> updates = await ProviderTestKit.StreamAsync(client, "Hi", deadline.Token);

        Assert.Equal(Answer, updates.ToChatResponse().Text);
        IReadOnlyList<RecordedRequest> requests = server.Requests;
        Assert.Equal([429, 200], requests.Select(request => request.StatusCode));
        Assert.Equal(1, server.Script.StepsConsumed);
        TimeSpan waited = requests[1].ReceivedAt - requests[0].ReceivedAt;
        Assert.True(waited >= TimeSpan.FromMilliseconds(950), $"the retry came after {waited.TotalMilliseconds} ms, before Retry-After: 1");
    }

    [Theory]
    [InlineData(WireFormat.OpenAI, 500)]
    [InlineData(WireFormat.OpenAI, 503)]
    [InlineData(WireFormat.OpenAI, 529)]
    [InlineData(WireFormat.Anthropic, 500)]
    [InlineData(WireFormat.Anthropic, 502)]
    [InlineData(WireFormat.Anthropic, 529)]
    public async Task ServerErrorIsRetriedWithTheSameBody(WireFormat format, int status)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text(Answer)));
        server.Faults.Enqueue(Fault.ServerError(status));
        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, format));
        using var deadline = ProviderTestKit.Deadline();

        List<ChatResponseUpdate> updates = await ProviderTestKit.StreamAsync(client, "Hi", deadline.Token);

        Assert.Equal(Answer, updates.ToChatResponse().Text);
        IReadOnlyList<RecordedRequest> requests = server.Requests;
        Assert.Equal([status, 200], requests.Select(request => request.StatusCode));
        Assert.Contains("Hi", requests[0].Body, StringComparison.Ordinal);
        Assert.Equal(requests[0].Body, requests[1].Body);
    }

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task NonStreamingCallsAreRetriedToo(WireFormat format)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text(Answer)));
        server.Faults.Enqueue(Fault.ServerError(503));
        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, format));
        using var deadline = ProviderTestKit.Deadline();

        ChatResponse response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: deadline.Token);

        Assert.Equal(Answer, response.Text);
        Assert.Equal([503, 200], server.Requests.Select(request => request.StatusCode));
        Assert.Equal(server.Requests[0].Body, server.Requests[1].Body);
    }

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task ExhaustedRetriesEndInATransientModelCallException(WireFormat format)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text(Answer)));
        for (int i = 0; i < 3; i++)
        {
            server.Faults.Enqueue(Fault.ServerError(503));
        }

        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, format) with { MaxRetries = 2 });
        using var deadline = ProviderTestKit.Deadline();

        ModelCallException error = await Assert.ThrowsAsync<ModelCallException>(() => ProviderTestKit.StreamAsync(client, "Hi", deadline.Token));

        Assert.True(error.IsTransient);
        Assert.Equal(503, error.StatusCode);
        Assert.Contains("after 2 retries", error.Message, StringComparison.Ordinal);
        Assert.Contains(server.BaseUrl, error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(0, server.Script.StepsConsumed);
    }

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task RetriesAndFallbacksAreLoggedWithoutTheKey(WireFormat format)
    {
        await using var server = await ScriptedModelServer.StartAsync(
            ModelScript.FromSteps(ScriptStep.Error(404, $"no such model for key {ProviderTestKit.Secret}"), ScriptStep.Text(Answer)));
        server.Faults.Enqueue(Fault.ServerError(503));
        var logs = new CapturingLoggerFactory();
        using IChatClient client = ChatClientFactory.Create(
            ProviderTestKit.Settings(server, format) with { Model = "first", FallbackModels = ["second"] }, logs);
        using var deadline = ProviderTestKit.Deadline();

        await ProviderTestKit.StreamAsync(client, "Hi", deadline.Token);

        Assert.Contains(logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("503", StringComparison.Ordinal) && line.Contains("retry 1 of 4", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, line => line.Contains("Model 'first' failed", StringComparison.Ordinal) && line.Contains("falling back to 'second'", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(ProviderTestKit.Secret, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task ConnectionResetBeforeTheResponseIsRetried(WireFormat format)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text(Answer)));
        server.Faults.Enqueue(Fault.CutStreamAfter(0));
        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, format));
        using var deadline = ProviderTestKit.Deadline();

        List<ChatResponseUpdate> updates = await ProviderTestKit.StreamAsync(client, "Hi", deadline.Token);

        Assert.Equal(Answer, updates.ToChatResponse().Text);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(server.Requests[0].Body, server.Requests[1].Body);
    }

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task MissingResponseHeadersTimeOutAndAreRetried(WireFormat format)
    {
        // Non-streaming: the server holds back the whole response, headers included.
        await using var server = await ScriptedModelServer.StartAsync(SpareSteps());
        server.Faults.Enqueue(Fault.SlowFirstToken(TimeSpan.FromSeconds(30)));
        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, format) with { RequestTimeout = TimeSpan.FromSeconds(1) });
        using var deadline = ProviderTestKit.Deadline();

        ChatResponse response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: deadline.Token);

        Assert.Equal(Answer, response.Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task RequestTimeoutDoesNotCutAStreamWhoseHeadersArrived(WireFormat format)
    {
        // Streaming: headers come at once, the first token after a pause three times RequestTimeout.
        await using var server = await ScriptedModelServer.StartAsync(SpareSteps());
        using var deadline = ProviderTestKit.Deadline();
        using (IChatClient warmUp = ChatClientFactory.Create(ProviderTestKit.Settings(server, format)))
        {
            // The server's first request loads its tokenizer, which alone can outlast a short RequestTimeout.
            await ProviderTestKit.StreamAsync(warmUp, "Warm up", deadline.Token);
        }

        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, format) with { RequestTimeout = TimeSpan.FromSeconds(1) });
        server.Faults.Enqueue(Fault.SlowFirstToken(TimeSpan.FromSeconds(3)));
        List<ChatResponseUpdate> updates = await ProviderTestKit.StreamAsync(client, "Hi", deadline.Token);

        Assert.Equal(Answer, updates.ToChatResponse().Text);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(FaultKind.SlowFirstToken, server.Requests[1].FaultApplied?.Kind);
    }

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task TimeoutsThatOutlastTheRetriesAreTransient(WireFormat format)
    {
        await using var server = await ScriptedModelServer.StartAsync(SpareSteps());
        server.Faults.Enqueue(Fault.SlowFirstToken(TimeSpan.FromSeconds(30)));
        server.Faults.Enqueue(Fault.SlowFirstToken(TimeSpan.FromSeconds(30)));
        using IChatClient client = ChatClientFactory.Create(
            ProviderTestKit.Settings(server, format) with { RequestTimeout = TimeSpan.FromMilliseconds(300), MaxRetries = 1 });
        using var deadline = ProviderTestKit.Deadline();

        ModelCallException error = await Assert.ThrowsAsync<ModelCallException>(
            () => client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: deadline.Token));

        Assert.True(error.IsTransient);
        Assert.Contains("did not respond in time", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task CallerCancellationIsNotRetriedNorTranslated(WireFormat format)
    {
        await using var server = await ScriptedModelServer.StartAsync(SpareSteps());
        server.Faults.Enqueue(Fault.SlowFirstToken(TimeSpan.FromSeconds(30)));
        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, format));
        using var deadline = ProviderTestKit.Deadline();
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);

        Task<ChatResponse> call = client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: caller.Token);
        await ProviderTestKit.WaitForRequestsAsync(server, 1, deadline.Token);
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(server.Requests);
    }

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task CancellingDuringARetryWaitStopsAtOnce(WireFormat format)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text(Answer)));
        server.Faults.Enqueue(Fault.RateLimited(retryAfterSeconds: 30));
        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, format) with { MaxRetryDelay = TimeSpan.FromSeconds(60) });
        using var deadline = ProviderTestKit.Deadline();
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);

        Task<List<ChatResponseUpdate>> call = ProviderTestKit.StreamAsync(client, "Hi", caller.Token);
        await ProviderTestKit.WaitForRequestsAsync(server, 1, deadline.Token);
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.False(deadline.IsCancellationRequested, "the call should end when the caller cancels, not wait out Retry-After");
        RecordedRequest only = Assert.Single(server.Requests);
        Assert.Equal(429, only.StatusCode);
    }

    /// <summary>A slow answer consumes its step even when the client gave up on it, so a retry needs another.</summary>
    private static ModelScript SpareSteps() => ModelScript.FromSteps(ScriptStep.Text(Answer), ScriptStep.Text(Answer), ScriptStep.Text(Answer));
}
