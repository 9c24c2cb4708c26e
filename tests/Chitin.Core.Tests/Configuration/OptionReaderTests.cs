using System.Text.Json;
using Chitin.Core.Configuration;

namespace Chitin.Core.Tests.Configuration;

/// <summary>The typed reads every feature section binds with: a set value that parses wins, anything else falls back.</summary>
public sealed class OptionReaderTests
{
    private static readonly Dictionary<string, string?> Values = new()
    {
        ["on"] = "true",
        ["count"] = "42",
        ["signed"] = "+7",
        ["big"] = "5000000000",
        ["usd"] = "2.50",
        ["word"] = "hello",
        ["empty"] = "",
    };

    private static readonly OptionReader Read = new(key => Values.GetValueOrDefault(key));

    [Fact]
    public void Set_values_that_parse_are_read()
    {
        Assert.True(Read.Boolean("on", fallback: false));
        Assert.Equal(42, Read.Int32("count", fallback: 1));
        Assert.Equal(5_000_000_000L, Read.Int64("big", fallback: 1));
        Assert.Equal(2.50m, Read.Decimal("usd", fallback: 0m));
        Assert.Equal("hello", Read.Text("word"));
        Assert.Equal("hello", Read["word"]);
    }

    [Fact]
    public void Unset_empty_or_unparsable_values_fall_back()
    {
        Assert.False(Read.Boolean("missing", fallback: false));
        Assert.False(Read.Boolean("word", fallback: false));
        Assert.Equal(9, Read.Int32("word", fallback: 9));
        Assert.Equal(9, Read.Int32("big", fallback: 9));
        Assert.Equal(3L, Read.Int64("usd", fallback: 3));
        Assert.Equal(1.5m, Read.Decimal("word", fallback: 1.5m));
        Assert.Equal("default", Read.Text("empty", "default"));
        Assert.Null(Read.Text("missing"));
        Assert.Null(Read["missing"]);
    }

    [Theory]
    [InlineData("+7")]
    [InlineData("12")]
    [InlineData("-3")]
    public void A_whole_number_the_check_accepts_binds_to_that_number(string text)
    {
        var accepted = new OptionValue(JsonValueKind.String, text).TryInteger(out var checkedValue);
        var reader = new OptionReader(_ => text);

        Assert.True(accepted);
        Assert.Equal(checkedValue, reader.Int32("any", fallback: int.MinValue));
    }

    [Fact]
    public void A_decimal_with_a_sign_or_exponent_is_not_an_amount()
    {
        Assert.Null(OptionReader.ParseDecimal("-1"));
        Assert.Null(OptionReader.ParseDecimal("1e3"));
        Assert.Equal(0.5m, OptionReader.ParseDecimal("0.50"));
    }
}
