namespace Chitin.Testing.Caching;

/// <summary>
/// The simulated provider prefix cache: the token arrays of the last few answered prompts per model, and the
/// longest common token prefix a new prompt shares with any of them. Thread-safe.
/// </summary>
internal sealed class PrefixCache(int capacityPerModel)
{
    private readonly Dictionary<string, History> _histories = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int LongestCommonPrefix(string model, ReadOnlySpan<int> tokens)
    {
        int[]?[] snapshot;
        lock (_gate)
        {
            if (!_histories.TryGetValue(model, out var history))
            {
                return 0;
            }

            // Compare outside the lock: concurrent sessions should not queue behind each other's comparisons.
            snapshot = (int[]?[])history.Entries.Clone();
        }

        var best = 0;
        foreach (var earlier in snapshot)
        {
            if (earlier is null)
            {
                continue;
            }

            best = Math.Max(best, tokens.CommonPrefixLength(earlier));
            if (best == tokens.Length)
            {
                break;
            }
        }

        return best;
    }

    public void Remember(string model, int[] tokens)
    {
        lock (_gate)
        {
            if (!_histories.TryGetValue(model, out var history))
            {
                history = new History(capacityPerModel);
                _histories[model] = history;
            }

            history.Entries[history.Next] = tokens;
            history.Next = (history.Next + 1) % history.Entries.Length;
        }
    }

    private sealed class History(int capacity)
    {
        public int[]?[] Entries { get; } = new int[]?[capacity];

        public int Next { get; set; }
    }
}
