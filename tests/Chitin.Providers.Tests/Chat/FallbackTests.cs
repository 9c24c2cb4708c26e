using Chitin.Core.Agents;
using Chitin.Providers.Chat;
using Chitin.Providers.Configuration;
using Chitin.Providers.Tests.Support;
using Chitin.Testing.Faults;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Microsoft.Extensions.AI;

namespace Chitin.Providers.Tests.Chat;

public sealed class FallbackTests
{
    private const string Primary = "primary-model";
    private const string Backup = "backup-model";

    private static ProviderSettings WithFallback(ScriptedModelServer server, WireFormat format) =>
        ProviderTestKit.Settings(server, format) with { Model = Primary, FallbackModels = [Backup] };

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task ModelNotFoundFallsBackAndReportsTheModelUsed(WireFormat format)
    {
        await using var server = await ScriptedModelServer.StartAsync(
            ModelScript.FromSteps(ScriptStep.Error(404, $"model '{Primary}' does not exist"), ScriptStep.Text("Answer from the backup.")));
        using IChatClient client = ChatClientFactory.Create(WithFallback(server, format));
        using var deadline = ProviderTestKit.Deadline();

        List<ChatResponseUpdate> updates = await ProviderTestKit.StreamAsync(client, "Hi", deadline.Token);

        Assert.Equal("Answer from the backup.", updates.ToChatResponse().Text);
        Assert.All(updates, update => Assert.Equal(Backup, update.ModelId));
        Assert.Equal([Primary, Backup], server.Requests.Select(request => request.Parsed!.Model));
        Assert.Equal(server.Requests[0].Parsed!.Messages.Count, server.Requests[1].Parsed!.Messages.Count);
    }

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task NonStreamingCallsFallBackToo(WireFormat format)
    {
        await using var server = await ScriptedModelServer.StartAsync(
            ModelScript.FromSteps(ScriptStep.Text("Answer from the backup.")),
            new ScriptedModelServerOptions { Models = [Backup], RejectUnknownModels = true });
        using IChatClient client = ChatClientFactory.Create(WithFallback(server, format));
        using var deadline = ProviderTestKit.Deadline();

        ChatResponse response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: deadline.Token);

        Assert.Equal("Answer from the backup.", response.Text);
        Assert.Equal(Backup, response.ModelId);
        Assert.Equal([404, 200], server.Requests.Select(request => request.StatusCode));
    }

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task ExhaustedRetriesOnThePrimaryFallBack(WireFormat format)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("Answer from the backup.")));
        server.Faults.Enqueue(Fault.ServerError(529));
        server.Faults.Enqueue(Fault.ServerError(529));
        using IChatClient client = ChatClientFactory.Create(WithFallback(server, format) with { MaxRetries = 1 });
        using var deadline = ProviderTestKit.Deadline();

        List<ChatResponseUpdate> updates = await ProviderTestKit.StreamAsync(client, "Hi", deadline.Token);

        Assert.Equal(Backup, updates[^1].ModelId);
        Assert.Equal([Primary, Primary, Backup], server.Requests.Select(request => request.Parsed!.Model));
    }

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task AuthErrorsDoNotFallBack(WireFormat format)
    {
        await using var server = await ScriptedModelServer.StartAsync(
            ModelScript.FromSteps(ScriptStep.Error(401, "invalid key"), ScriptStep.Text("must not be reached")));
        using IChatClient client = ChatClientFactory.Create(WithFallback(server, format));
        using var deadline = ProviderTestKit.Deadline();

        ModelCallException error = await Assert.ThrowsAsync<ModelCallException>(() => ProviderTestKit.StreamAsync(client, "Hi", deadline.Token));

        Assert.Equal(401, error.StatusCode);
        Assert.Single(server.Requests);
    }

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task OnceTextHasStreamedAFailureIsRethrown(WireFormat format)
    {
        await using var server = await ScriptedModelServer.StartAsync(
            ModelScript.FromSteps(ScriptStep.Text("A long answer that streams in many pieces before the cut."), ScriptStep.Text("must not be reached")));
        server.Faults.Enqueue(Fault.CutStreamAfter(format == WireFormat.Anthropic ? 5 : 3));
        using IChatClient client = ChatClientFactory.Create(WithFallback(server, format));
        using var deadline = ProviderTestKit.Deadline();
        var received = new List<ChatResponseUpdate>();

        ModelCallException error = await Assert.ThrowsAsync<ModelCallException>(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("Hi", cancellationToken: deadline.Token))
            {
                received.Add(update);
            }
        });

        Assert.True(error.IsTransient);
        Assert.Contains(received, update => update.Text.Length > 0);
        Assert.All(received, update => Assert.Equal(Primary, update.ModelId));
        Assert.Single(server.Requests);
    }

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task TheLastModelsErrorIsWhatTheCallerSees(WireFormat format)
    {
        await using var server = await ScriptedModelServer.StartAsync(
            ModelScript.FromSteps(ScriptStep.Text("never")),
            new ScriptedModelServerOptions { Models = ["other-model"], RejectUnknownModels = true });
        using IChatClient client = ChatClientFactory.Create(WithFallback(server, format));
        using var deadline = ProviderTestKit.Deadline();

        ModelCallException error = await Assert.ThrowsAsync<ModelCallException>(() => ProviderTestKit.StreamAsync(client, "Hi", deadline.Token));

        Assert.Equal(404, error.StatusCode);
        Assert.Contains($"model '{Backup}' not found", error.Message, StringComparison.Ordinal);
        Assert.Equal([Primary, Backup], server.Requests.Select(request => request.Parsed!.Model));
    }

    [Fact]
    public void ShouldFallBackFollowsTheErrorKind()
    {
        Assert.True(FallbackChatClient.ShouldFallBack(new ModelCallException("x", isTransient: false, statusCode: 404)));
        Assert.True(FallbackChatClient.ShouldFallBack(new ModelCallException("x", isTransient: true, statusCode: 503)));
        Assert.True(FallbackChatClient.ShouldFallBack(new ModelCallException("x", isTransient: true)));
        Assert.False(FallbackChatClient.ShouldFallBack(new ModelCallException("x", isTransient: false, statusCode: 401)));
        Assert.False(FallbackChatClient.ShouldFallBack(new ModelCallException("x", isTransient: false, statusCode: 403)));
        Assert.False(FallbackChatClient.ShouldFallBack(new ModelCallException("x", isTransient: false, statusCode: 400)));
    }
}
