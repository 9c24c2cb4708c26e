using Chitin.Core.Agents;
using Chitin.Providers.Chat;
using Chitin.Testing.InProcess;
using Microsoft.Extensions.AI;

namespace Chitin.Providers.Tests.Chat;

public sealed class StreamCompletionGuardTests
{
    [Fact]
    public async Task AStreamThatEndsWithoutAFinishReasonIsATransientFailure()
    {
        // The in-process model, with its final update (finish reason and usage) lost as when a proxy closes the
        // stream cleanly halfway: both SDKs then simply end the enumeration.
        using IChatClient truncated = new ChatClientBuilder(ScriptedChatClient.FromTurns(ScriptedTurn.Say("Half of an answer that never finishes.")))
            .Use(getResponseFunc: null, getStreamingResponseFunc: (messages, options, inner, cancellationToken) => DropFinish(inner.GetStreamingResponseAsync(messages, options, cancellationToken)))
            .Build();
        using var guarded = new StreamCompletionGuardChatClient(truncated, "http://127.0.0.1:1/v1");
        var received = new List<ChatResponseUpdate>();

        ModelCallException error = await Assert.ThrowsAsync<ModelCallException>(async () =>
        {
            await foreach (ChatResponseUpdate update in guarded.GetStreamingResponseAsync("Hi"))
            {
                received.Add(update);
            }
        });

        Assert.True(error.IsTransient);
        Assert.Contains("ended before the model finished", error.Message, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:1/v1", error.Message, StringComparison.Ordinal);
        Assert.Equal("Half of an answer that never finishes.", string.Concat(received.Select(update => update.Text)));
    }

    [Fact]
    public async Task ACompleteStreamPassesUnchanged()
    {
        using var guarded = new StreamCompletionGuardChatClient(ScriptedChatClient.FromTurns(ScriptedTurn.Say("Complete.")), "test");
        var received = new List<ChatResponseUpdate>();

        await foreach (ChatResponseUpdate update in guarded.GetStreamingResponseAsync("Hi"))
        {
            received.Add(update);
        }

        Assert.Equal("Complete.", received.ToChatResponse().Text);
        Assert.Equal(ChatFinishReason.Stop, received[^1].FinishReason);
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> DropFinish(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        await foreach (ChatResponseUpdate update in updates)
        {
            if (update.FinishReason is null)
            {
                yield return update;
            }
        }
    }
}
