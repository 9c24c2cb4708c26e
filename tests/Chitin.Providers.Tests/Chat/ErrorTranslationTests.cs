using Chitin.Core.Agents;
using Chitin.Providers.Chat;
using Chitin.Providers.Configuration;
using Chitin.Providers.Tests.Support;
using Chitin.Testing.Faults;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Microsoft.Extensions.AI;

namespace Chitin.Providers.Tests.Chat;

public sealed class ErrorTranslationTests
{
    private const string LongAnswer = "A long answer that the server will stream in many small pieces, so a cut lands in the middle of it.";

    [Theory]
    [InlineData(WireFormat.OpenAI, 3)]
    [InlineData(WireFormat.Anthropic, 3)]
    [InlineData(WireFormat.Anthropic, 6)]
    public async Task ACutStreamThrowsATransientErrorFromTheEnumeration(WireFormat format, int chunks)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text(LongAnswer)));
        server.Faults.Enqueue(Fault.CutStreamAfter(chunks));
        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, format));
        using var deadline = ProviderTestKit.Deadline();
        var received = new List<ChatResponseUpdate>();

        ModelCallException error = await Assert.ThrowsAsync<ModelCallException>(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("Hi", cancellationToken: deadline.Token))
            {
                received.Add(update);
            }
        });

        Assert.NotEmpty(received);
        Assert.True(error.IsTransient);
        Assert.Null(error.StatusCode);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
        Assert.Contains("dropped", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task UnauthorizedIsFinalActionableAndNeverShowsTheKey(WireFormat format)
    {
        // The server even echoes the key, as some real ones do: it must still not reach the message.
        await using var server = await ScriptedModelServer.StartAsync(
            ModelScript.FromSteps(ScriptStep.Error(401, $"Incorrect API key provided: {ProviderTestKit.Secret}")));
        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, format));
        using var deadline = ProviderTestKit.Deadline();

        ModelCallException error = await Assert.ThrowsAsync<ModelCallException>(() => ProviderTestKit.StreamAsync(client, "Hi", deadline.Token));

        Assert.False(error.IsTransient);
        Assert.Equal(401, error.StatusCode);
        Assert.StartsWith($"401 Unauthorized from {ProviderTestKit.Settings(server, format).BaseUrl}", error.Message, StringComparison.Ordinal);
        Assert.Contains(format == WireFormat.Anthropic ? "check ANTHROPIC_API_KEY" : "check OPENAI_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("Incorrect API key provided: ***", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ProviderTestKit.Secret, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ProviderTestKit.Secret, error.ToString(), StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task AMissingKeySaysWhereToSetIt(WireFormat format)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Error(401, "authentication required")));
        ProviderSettings settings = ProviderTestKit.Settings(server, format) with { ApiKey = null, ApiKeySource = "CHITIN_API_KEY" };
        using IChatClient client = ChatClientFactory.Create(settings);
        using var deadline = ProviderTestKit.Deadline();

        ModelCallException error = await Assert.ThrowsAsync<ModelCallException>(
            () => client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: deadline.Token));

        Assert.Contains("none is set — set CHITIN_API_KEY", error.Message, StringComparison.Ordinal);
        // Both SDKs send the key as a bearer token (Anthropic 13.x no longer uses x-api-key).
        Assert.Equal($"Bearer {ProviderSettings.PlaceholderApiKey}", server.Requests[0].Headers["Authorization"]);
    }

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task UnknownModelNamesTheModelAndWhereToChangeIt(WireFormat format)
    {
        await using var server = await ScriptedModelServer.StartAsync(
            ModelScript.FromSteps(ScriptStep.Text("never")),
            new ScriptedModelServerOptions { Models = ["real-model"], RejectUnknownModels = true });
        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, format) with { Model = "no-such-model" });
        using var deadline = ProviderTestKit.Deadline();

        ModelCallException error = await Assert.ThrowsAsync<ModelCallException>(() => ProviderTestKit.StreamAsync(client, "Hi", deadline.Token));

        Assert.False(error.IsTransient);
        Assert.Equal(404, error.StatusCode);
        Assert.Contains("model 'no-such-model' not found — check CHITIN_MODEL or --model", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(WireFormat.OpenAI, 400)]
    [InlineData(WireFormat.OpenAI, 422)]
    [InlineData(WireFormat.Anthropic, 400)]
    [InlineData(WireFormat.Anthropic, 403)]
    public async Task RejectedRequestsAreFinalAndCarryTheServersReason(WireFormat format, int status)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Error(status, "prompt is too long: 250000 tokens > 200000 maximum")));
        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, format));
        using var deadline = ProviderTestKit.Deadline();

        ModelCallException error = await Assert.ThrowsAsync<ModelCallException>(() => ProviderTestKit.StreamAsync(client, "Hi", deadline.Token));

        Assert.False(error.IsTransient);
        Assert.Equal(status, error.StatusCode);
        Assert.Contains("prompt is too long: 250000 tokens > 200000 maximum", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task ConnectionRefusedAsksWhetherTheServerRuns(WireFormat format)
    {
        string baseUrl = $"http://127.0.0.1:{ProviderTestKit.UnusedPort()}";
        ProviderSettings settings = ProviderTestKit.Settings(baseUrl, format) with { MaxRetries = 1 };
        using IChatClient client = ChatClientFactory.Create(settings);
        using var deadline = ProviderTestKit.Deadline();

        ModelCallException error = await Assert.ThrowsAsync<ModelCallException>(() => ProviderTestKit.StreamAsync(client, "Hi", deadline.Token));

        Assert.True(error.IsTransient);
        Assert.Null(error.StatusCode);
        Assert.Equal($"could not connect to {settings.BaseUrl} (after 1 retries): is the server running and the base URL right?", error.Message);
    }

    [Fact]
    public async Task CallerCancellationBeforeTheCallSurfacesAsCancellation()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("never")));
        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, WireFormat.OpenAI));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ProviderTestKit.StreamAsync(client, "Hi", cancelled.Token));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void InvalidSettingsAreRejectedBeforeAnyCall()
    {
        var settings = new ProviderSettings { BaseUrl = "localhost:11434", Model = "qwen3", ApiKey = ProviderTestKit.Secret };

        ArgumentException error = Assert.Throws<ArgumentException>(() => ChatClientFactory.Create(settings));

        Assert.Contains("not an absolute http(s) URL", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ProviderTestKit.Secret, error.Message, StringComparison.Ordinal);
    }
}
