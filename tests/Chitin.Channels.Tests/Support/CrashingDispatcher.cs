using System.Runtime.CompilerServices;
using Chitin.Core.Events;
using Chitin.Hosting.Gateway;

namespace Chitin.Channels.Tests.Support;

/// <summary>A gateway that dies mid-turn: it takes the message, never answers, and only ends when its host shuts down.</summary>
public sealed class CrashingDispatcher : IConversationDispatcher
{
    private readonly TaskCompletionSource<ConversationMessage> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the first message whose turn began.</summary>
    public Task<ConversationMessage> Started => _started.Task;

    public async IAsyncEnumerable<AgentEvent> SendAsync(ConversationMessage message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _started.TrySetResult(message);
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }

    public Task<bool> StopAsync(string sessionKey, CancellationToken cancellationToken) => Task.FromResult(false);
}
