namespace Chitin.WebUi.Sessions;

/// <summary>
/// Finds sessions by title, id, agent or model, and by the text of their messages. The session store has no search
/// index, so text search reads the transcripts of the most recent <see cref="TextSearchDepth"/> sessions.
/// </summary>
public sealed class SessionSearch(ISessionStore store)
{
    public const int ListLimit = 200;

    public const int TextSearchDepth = 200;

    public async Task<IReadOnlyList<SessionInfo>> FindAsync(string? query, CancellationToken cancellationToken)
    {
        var sessions = await store.ListSessionsAsync(query is { Length: > 0 } ? TextSearchDepth : ListLimit, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(query))
        {
            return sessions;
        }

        var term = query.Trim();
        var found = new List<SessionInfo>();
        foreach (var session in sessions)
        {
            if (Contains(session.Title, term) || Contains(session.Id, term) || Contains(session.Agent, term) || Contains(session.Model, term))
            {
                found.Add(session);
                continue;
            }

            var messages = await store.LoadMessagesAsync(session.Id, cancellationToken).ConfigureAwait(false);
            if (messages.Any(m => Contains(m.Text, term)))
            {
                found.Add(session);
            }
        }

        return found;
    }

    private static bool Contains(string? text, string term) => text is not null && text.Contains(term, StringComparison.OrdinalIgnoreCase);
}
