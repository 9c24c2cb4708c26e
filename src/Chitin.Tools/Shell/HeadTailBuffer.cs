namespace Chitin.Tools.Shell;

/// <summary>
/// Keeps the first and the last characters of a stream of text within a fixed budget; the middle is counted
/// and dropped. Thread-safe: stdout and stderr append to it concurrently in arrival order.
/// </summary>
internal sealed class HeadTailBuffer : IOutputSink
{
    private readonly Lock _gate = new();
    private readonly int _headCapacity;
    private readonly StringBuilder _head = new();
    private readonly int _tailCapacity;

    /// <summary>Allocated on the first overflow of the head, so short outputs cost no large buffer.</summary>
    private char[]? _tail;
    private int _tailStart;
    private int _tailCount;
    private long _total;

    public HeadTailBuffer(int maxChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 2);
        _headCapacity = maxChars / 2;
        _tailCapacity = maxChars - _headCapacity;
    }

    public long TotalChars
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    public bool Truncated => TotalChars > _headCapacity + _tailCapacity;

    public void Append(ReadOnlySpan<char> text)
    {
        lock (_gate)
        {
            _total += text.Length;
            var toHead = Math.Min(text.Length, _headCapacity - _head.Length);
            _head.Append(text[..toHead]);
            text = text[toHead..];
            if (text.IsEmpty)
            {
                return;
            }

            var tail = _tail ??= new char[_tailCapacity];
            if (text.Length >= tail.Length)
            {
                text[^tail.Length..].CopyTo(tail);
                _tailStart = 0;
                _tailCount = tail.Length;
                return;
            }

            foreach (var c in text)
            {
                tail[(_tailStart + _tailCount) % tail.Length] = c;
                if (_tailCount < tail.Length)
                {
                    _tailCount++;
                }
                else
                {
                    _tailStart = (_tailStart + 1) % tail.Length;
                }
            }
        }
    }

    /// <summary>The kept text; when the middle was dropped, a "[... N chars omitted ...]" line marks the gap.</summary>
    public override string ToString()
    {
        lock (_gate)
        {
            var tail = new StringBuilder(_tailCount);
            for (var i = 0; i < _tailCount; i++)
            {
                tail.Append(_tail![(_tailStart + i) % _tail.Length]);
            }

            var omitted = _total - _head.Length - _tailCount;
            if (omitted == 0)
            {
                return _head.ToString() + tail;
            }

            var head = _head.ToString();
            if (head.Length > 0 && char.IsHighSurrogate(head[^1]))
            {
                head = head[..^1];
                omitted++;
            }

            if (tail.Length > 0 && char.IsLowSurrogate(tail[0]))
            {
                tail.Remove(0, 1);
                omitted++;
            }

            var marker = string.Create(CultureInfo.InvariantCulture, $"[... {omitted:N0} chars omitted ...]");
            return head + (head.EndsWith('\n') ? "" : "\n") + marker + "\n" + tail;
        }
    }
}
