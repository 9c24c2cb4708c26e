using System.Runtime.CompilerServices;
using Chitin.Core.Agents;
using Chitin.Core.Events;
using Chitin.Hosting.Gateway;

namespace Chitin.Channels.Tests.Support;

/// <summary>A turn that runs until it is stopped, then completes as cancelled, as the gateway's grains do on /stop.</summary>
public sealed class StoppableDispatcher : IConversationDispatcher
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task;

    public List<string> Stops { get; } = [];

    public async IAsyncEnumerable<AgentEvent> SendAsync(ConversationMessage message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new RunStarted { SessionId = "s1", Model = "m" };
        _started.TrySetResult();
        await _stopped.Task.WaitAsync(cancellationToken);
        yield return new RunCompleted { SessionId = "s1", Result = new AgentRunResult { SessionId = "s1", Status = RunStatus.Cancelled, Usage = new RunTotals() } };
    }

    public Task<bool> StopAsync(string sessionKey, CancellationToken cancellationToken)
    {
        lock (Stops)
        {
            Stops.Add(sessionKey);
        }

        return Task.FromResult(_stopped.TrySetResult());
    }
}
