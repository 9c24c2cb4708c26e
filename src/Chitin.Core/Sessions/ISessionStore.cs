namespace Chitin.Core.Sessions;

/// <summary>
/// Durable transcript storage. Every call commits before it returns, so a killed process loses at most the
/// in-flight model delta.
/// </summary>
public interface ISessionStore
{
    Task<SessionInfo> CreateSessionAsync(SessionInfo session, CancellationToken cancellationToken);

    Task<SessionInfo?> GetSessionAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Most recently updated first.</summary>
    Task<IReadOnlyList<SessionInfo>> ListSessionsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Appends and returns the message with its assigned sequence number.</summary>
    Task<SessionMessage> AppendMessageAsync(string sessionId, SessionMessage message, CancellationToken cancellationToken);

    Task<IReadOnlyList<SessionMessage>> LoadMessagesAsync(string sessionId, CancellationToken cancellationToken);

    Task UpdateSessionAsync(string sessionId, SessionStatus status, string? model, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the messages with sequence numbers from <paramref name="fromSequence"/> through <paramref name="throughSequence"/>
    /// as rewound (or no longer rewound); returns how many changed.
    /// </summary>
    Task<int> SetRewoundAsync(string sessionId, long fromSequence, long throughSequence, bool rewound, CancellationToken cancellationToken);

    /// <summary>Deletes the session with its messages and usage. False when it did not exist.</summary>
    Task<bool> DeleteSessionAsync(string sessionId, CancellationToken cancellationToken);
}
