namespace Chitin.Core.Agents;

/// <summary>Token counts of stored messages by sequence number, so each message is tokenized once per run.</summary>
internal sealed class MessageTokenCache(ITokenCounter counter)
{
    private readonly Dictionary<long, int> _tokens = [];

    public int TokensOf(SessionMessage message)
    {
        lock (_tokens)
        {
            if (message.Sequence > 0 && _tokens.TryGetValue(message.Sequence, out var cached))
            {
                return cached;
            }
        }

        var tokens = ContextBudget.OfSessionMessage(counter, message);
        if (message.Sequence > 0)
        {
            lock (_tokens)
            {
                _tokens[message.Sequence] = tokens;
            }
        }

        return tokens;
    }
}
