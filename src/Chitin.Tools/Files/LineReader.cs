namespace Chitin.Tools.Files;

/// <summary>
/// Reads lines ending in \n, \r\n or \r while keeping at most a given number of characters of each line,
/// so a multi-gigabyte single-line file never lands in memory.
/// </summary>
internal sealed class LineReader(TextReader reader)
{
    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _kept = new();
    private int _position;
    private int _length;
    private bool _skipLineFeed;

    /// <summary>The next line, or null at the end; keeps at most <paramref name="maxChars"/> characters of it.</summary>
    public async ValueTask<TextLine?> ReadLineAsync(int maxChars, CancellationToken cancellationToken)
    {
        var kept = _kept.Clear();
        long length = 0;
        var sawAnything = false;
        while (true)
        {
            if (_position == _length && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return sawAnything ? new TextLine(kept.ToString(), length) : null;
            }

            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (_buffer[_position] == '\n')
                {
                    _position++;
                    continue;
                }
            }

            sawAnything = true;
            var chunk = _buffer.AsSpan(_position, _length - _position);
            var end = chunk.IndexOfAny('\n', '\r');
            var content = end < 0 ? chunk : chunk[..end];
            var room = (int)Math.Max(0, Math.Min(content.Length, maxChars - kept.Length));
            kept.Append(content[..room]);
            length += content.Length;
            if (end < 0)
            {
                _position = _length;
                continue;
            }

            _skipLineFeed = chunk[end] == '\r';
            _position += end + 1;
            return new TextLine(kept.ToString(), length);
        }
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        _position = 0;
        _length = await reader.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        return _length > 0;
    }
}
