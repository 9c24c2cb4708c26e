namespace Chitin.Gateway.Sessions;

/// <summary>
/// One conversation (keyed by its session key, e.g. "api:alice" or "telegram:42"). Its turns run one at a time in
/// arrival order; a message that arrives mid-turn waits for the next turn.
/// </summary>
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>The events of the turn that answers <paramref name="request"/>, once the turns before it have finished.</summary>
    IAsyncEnumerable<TurnEvent> SendAsync(TurnRequest request);

    /// <summary>Cancels the running turn; false when none is running. Runs between the running turn's steps.</summary>
    [AlwaysInterleave]
    Task<bool> StopAsync();

    /// <summary>Hands a message to the running turn (its model sees it at the next step); false when none is running or it is finishing.</summary>
    [AlwaysInterleave]
    Task<bool> SteerAsync(string text);

    /// <summary>How many turns are running or waiting.</summary>
    [AlwaysInterleave]
    Task<int> PendingAsync();
}
