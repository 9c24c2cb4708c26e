namespace Chitin.Testing.Caching;

/// <summary>
/// Remembers the tokens of recently seen prompt segments (system prompts, tool definitions, messages), so a
/// conversation re-sent with one more message only tokenizes that message. Two generations approximate
/// least-recently-used eviction without a lock: when the current generation is full it becomes the previous one.
/// </summary>
internal sealed class SegmentTokenCache(int capacityPerGeneration)
{
    private ConcurrentDictionary<string, int[]> _current = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, int[]> _previous = new(StringComparer.Ordinal);
    private int _currentCount;

    public int[] Tokens(string segment)
    {
        var current = _current;
        if (current.TryGetValue(segment, out var tokens))
        {
            return tokens;
        }

        if (!_previous.TryGetValue(segment, out tokens))
        {
            tokens = PromptTokenizer.Encode(segment);
        }

        if (current.TryAdd(segment, tokens) && Interlocked.Increment(ref _currentCount) >= capacityPerGeneration)
        {
            Rotate(current);
        }

        return tokens;
    }

    private void Rotate(ConcurrentDictionary<string, int[]> full)
    {
        var fresh = new ConcurrentDictionary<string, int[]>(StringComparer.Ordinal);
        if (Interlocked.CompareExchange(ref _current, fresh, full) == full)
        {
            _previous = full;
            Interlocked.Exchange(ref _currentCount, 0);
        }
    }
}
