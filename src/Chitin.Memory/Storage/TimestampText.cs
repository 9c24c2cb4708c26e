namespace Chitin.Memory.Storage;

/// <summary>
/// The stored text of the last timestamp formatted: a batch writes the same "now" into every row, so it is formatted
/// once instead of once per row and column. Not thread-safe (one per repository, under the store's lock).
/// </summary>
internal sealed class TimestampText
{
    private DateTimeOffset _last = DateTimeOffset.MinValue;
    private string _text = TimestampColumn.Text(DateTimeOffset.MinValue);

    public string Of(DateTimeOffset value)
    {
        if (value != _last)
        {
            _text = TimestampColumn.Text(value);
            _last = value;
        }

        return _text;
    }
}
