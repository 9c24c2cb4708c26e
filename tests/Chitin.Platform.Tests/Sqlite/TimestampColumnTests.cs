using Chitin.Platform.Sqlite;

namespace Chitin.Platform.Tests.Sqlite;

public sealed class TimestampColumnTests
{
    [Fact]
    public void An_instant_round_trips_exactly_and_its_text_starts_with_the_utc_day()
    {
        var at = new DateTimeOffset(2026, 12, 6, 23, 59, 59, TimeSpan.FromHours(-5)).AddTicks(1_234_567);

        var text = TimestampColumn.Text(at);

        Assert.Equal("2026-12-07T04:59:59.1234567Z", text);
        Assert.Equal(at, TimestampColumn.Parse(text));
        Assert.Equal(TimeSpan.Zero, TimestampColumn.Parse(text).Offset);
    }

    [Fact]
    public void Texts_sort_as_their_instants_do()
    {
        var instants = new[] { 3, 1, 2 }.Select(h => new DateTimeOffset(2026, 1, 1, h, 0, 0, TimeSpan.Zero).AddTicks(h)).ToList();

        var sorted = instants.Select(TimestampColumn.Text).Order(StringComparer.Ordinal).Select(TimestampColumn.Parse);

        Assert.Equal(instants.Order(), sorted);
    }
}
