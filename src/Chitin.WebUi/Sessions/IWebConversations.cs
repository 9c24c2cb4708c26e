namespace Chitin.WebUi.Sessions;

/// <summary>
/// The gateway's map from conversation keys (<c>web:{name}</c>, <c>api:{name}</c>, <c>telegram:{chat}</c>) to
/// stored sessions. The gateway implements it over its SQLite store.
/// </summary>
public interface IWebConversations
{
    /// <summary>The session the key continues, or null when it has none yet.</summary>
    Task<string?> FindSessionAsync(string key, CancellationToken cancellationToken);

    /// <summary>Makes the key continue an existing session (resume in chat).</summary>
    Task LinkAsync(string key, string sessionId, string agent, CancellationToken cancellationToken);
}
