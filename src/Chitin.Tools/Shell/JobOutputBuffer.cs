namespace Chitin.Tools.Shell;

/// <summary>
/// A background job's output addressed by absolute character offsets, keeping only the newest characters within
/// a capacity; readers learn how much was dropped before the offset they asked for. Thread-safe.
/// </summary>
internal sealed class JobOutputBuffer(int capacity) : IOutputSink
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();

    /// <summary>Absolute offset of the first character still kept.</summary>
    private long _start;

    public long TotalChars
    {
        get
        {
            lock (_gate)
            {
                return _start + _text.Length;
            }
        }
    }

    public void Append(ReadOnlySpan<char> text)
    {
        lock (_gate)
        {
            _text.Append(text);

            // Trim in batches (a quarter of the capacity at a time) so a chatty job does not shift the buffer per chunk.
            if (_text.Length > capacity + capacity / 4)
            {
                var drop = _text.Length - capacity;
                if (char.IsLowSurrogate(_text[drop]))
                {
                    drop++;
                }

                _text.Remove(0, drop);
                _start += drop;
            }
        }
    }

    /// <summary>The text from absolute offset <paramref name="from"/> (clamped to what is kept) to the end.</summary>
    public JobOutputSlice Read(long from)
    {
        lock (_gate)
        {
            var end = _start + _text.Length;
            var dropped = Math.Max(0, _start - Math.Max(0, from));
            var begin = Math.Clamp(from, _start, end);
            return new JobOutputSlice(_text.ToString((int)(begin - _start), (int)(end - begin)), begin, end, dropped);
        }
    }
}
