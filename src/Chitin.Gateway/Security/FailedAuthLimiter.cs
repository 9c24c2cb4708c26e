namespace Chitin.Gateway.Security;

/// <summary>
/// Counts failed authentications per remote address in one-minute windows. An address that reaches the limit is
/// refused (429) until its window ends, whatever it presents, so a token cannot be guessed at network speed.
/// </summary>
public sealed class FailedAuthLimiter(int maxPerMinute, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private const int MaxTrackedAddresses = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>How long the address must wait, or null when it may try.</summary>
    public TimeSpan? RetryAfter(string address)
    {
        if (!_entries.TryGetValue(address, out var entry))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var left = entry.WindowStart + Window - now;
        if (left <= TimeSpan.Zero)
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(address, entry));
            return null;
        }

        return entry.Failures >= maxPerMinute ? left : null;
    }

    public void RecordFailure(string address)
    {
        var now = time.GetUtcNow();
        if (_entries.Count >= MaxTrackedAddresses)
        {
            Prune(now);
        }

        _entries.AddOrUpdate(
            address,
            _ => new Entry(now, 1),
            (_, e) => e.WindowStart + Window <= now ? new Entry(now, 1) : e with { Failures = e.Failures + 1 });
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (address, entry) in _entries)
        {
            if (entry.WindowStart + Window <= now)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(address, entry));
            }
        }
    }

    private sealed record Entry(DateTimeOffset WindowStart, int Failures);
}
