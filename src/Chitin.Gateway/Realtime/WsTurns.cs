namespace Chitin.Gateway.Realtime;

/// <summary>
/// Turns started over <c>/ws</c>. They belong to their session, not to the connection that asked: a dropped
/// connection does not cancel its turn, whose events keep going to the session's other subscribers (and to the same
/// client once it reconnects and subscribes again).
/// </summary>
public sealed class WsTurns(OrleansConversationDispatcher dispatcher, ILogger<WsTurns> log)
{
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _running = [];

    public int Running
    {
        get
        {
            lock (_gate)
            {
                return _running.Count;
            }
        }
    }

    public void Start(ConversationMessage message, string runId)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            Task turn = null!;
            turn = Task.Run(async () =>
            {
                try
                {
                    // The grain publishes every event to the session's subscribers; this only keeps the turn going.
                    await foreach (var _ in dispatcher.SendAsync(message, runId, CancellationToken.None).ConfigureAwait(false))
                    {
                    }
                }
                catch (Exception ex)
                {
                    log.LogWarning("/ws turn {Run} of {Session} failed: {Error}", runId, message.SessionKey, ex.Message);
                }
                finally
                {
                    lock (_gate)
                    {
                        _running.Remove(turn);
                    }
                }
            });
            _running.Add(turn);
        }
    }
}
