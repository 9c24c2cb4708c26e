using Chitin.Cli.Commands;

namespace Chitin.Cli.Tests.Rendering;

public sealed class SinceParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("30m", "2026-11-23T11:30:00+00:00")]
    [InlineData("24h", "2026-11-22T12:00:00+00:00")]
    [InlineData("7d", "2026-11-16T12:00:00+00:00")]
    [InlineData("2w", "2026-11-09T12:00:00+00:00")]
    [InlineData("2026-11-01", "2026-11-01T00:00:00+00:00")]
    [InlineData("2026-11-01T08:30:00Z", "2026-11-01T08:30:00+00:00")]
    public void Reads_spans_and_dates(string text, string expected)
    {
        Assert.True(SinceParser.TryParse(text, Now, out var since));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), since);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("7x")]
    [InlineData("-3d")]
    public void Rejects_what_it_cannot_read(string text) => Assert.False(SinceParser.TryParse(text, Now, out _));

    [Fact]
    public void No_value_means_no_bound()
    {
        Assert.True(SinceParser.TryParse(null, Now, out var since));
        Assert.Null(since);
    }
}
