namespace Chitin.Hosting.Gateway;

/// <summary>
/// Runs messages as turns of their conversation's session. One conversation's turns run one at a time, in order;
/// a message that arrives mid-turn waits for the next turn (or steers the running one where the channel says so).
/// The gateway implements it on Orleans grains; a channel or the scheduler only sees this interface.
/// </summary>
public interface IConversationDispatcher
{
    /// <summary>The events of the turn that answers <paramref name="message"/>, ending with a <c>RunCompleted</c>.</summary>
    IAsyncEnumerable<AgentEvent> SendAsync(ConversationMessage message, CancellationToken cancellationToken);

    /// <summary>Cancels the running turn of the conversation (chat "/stop"); false when none is running.</summary>
    Task<bool> StopAsync(string sessionKey, CancellationToken cancellationToken);

    /// <summary>
    /// Hands <paramref name="text"/> to the conversation's running turn, whose model sees it at its next step; false
    /// when no turn is running or it is already finishing (then send it as a message of its own).
    /// </summary>
    Task<bool> SteerAsync(string sessionKey, string text, CancellationToken cancellationToken) => Task.FromResult(false);
}
