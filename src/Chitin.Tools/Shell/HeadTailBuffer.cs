using System.Globalization;
using System.Text;

namespace Chitin.Tools.Shell;

/// <summary>
/// Keeps the first and the last characters of a stream of text within a fixed budget; the middle is counted
/// and dropped. Thread-safe: stdout and stderr append to it concurrently in arrival order.
/// </summary>
internal sealed class HeadTailBuffer
{
    private readonly Lock _gate = new();
    private readonly int _headCapacity;
    private readonly StringBuilder _head = new();
    private readonly char[] _tail;
    private int _tailStart;
    private int _tailCount;
    private long _total;

    public HeadTailBuffer(int maxChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 2);
        _headCapacity = maxChars / 2;
        _tail = new char[maxChars - _headCapacity];
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

    public bool Truncated => TotalChars > _headCapacity + _tail.Length;

    public void Append(ReadOnlySpan<char> text)
    {
        lock (_gate)
        {
            _total += text.Length;
            var toHead = Math.Min(text.Length, _headCapacity - _head.Length);
            _head.Append(text[..toHead]);
            text = text[toHead..];
            if (text.Length >= _tail.Length)
            {
                text[^_tail.Length..].CopyTo(_tail);
                _tailStart = 0;
                _tailCount = _tail.Length;
                return;
            }

            foreach (var c in text)
            {
                _tail[(_tailStart + _tailCount) % _tail.Length] = c;
                if (_tailCount < _tail.Length)
                {
                    _tailCount++;
                }
                else
                {
                    _tailStart = (_tailStart + 1) % _tail.Length;
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
                tail.Append(_tail[(_tailStart + i) % _tail.Length]);
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
