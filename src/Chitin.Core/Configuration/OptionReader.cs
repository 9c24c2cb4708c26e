namespace Chitin.Core.Configuration;

/// <summary>
/// A feature's section of the merged config layers, as its <c>Bind</c> reads it: each typed read returns the value a
/// layer set, or <c>fallback</c> when no layer sets the key or the text does not parse (values were checked when the
/// files were read, so a bad value never gets this far from a file).
/// </summary>
/// <param name="read">Answers a key of the section, null when no layer sets it.</param>
public sealed class OptionReader(Func<string, string?> read)
{
    private readonly Func<string, string?> _read = read ?? throw new ArgumentNullException(nameof(read));

    /// <summary>The raw text of <paramref name="key"/>, null when no layer sets it.</summary>
    public string? this[string key] => _read(key);

    public bool Boolean(string key, bool fallback) => bool.TryParse(_read(key), out var value) ? value : fallback;

    public int Int32(string key, int fallback) =>
        int.TryParse(_read(key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    public long Int64(string key, long fallback) =>
        long.TryParse(_read(key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>A plain decimal amount such as 2.50 (no sign, no exponent).</summary>
    public decimal Decimal(string key, decimal fallback) => ParseDecimal(_read(key)) ?? fallback;

    /// <summary>The text of <paramref name="key"/> when a layer sets it to something non-empty, else <paramref name="fallback"/>.</summary>
    public string? Text(string key, string? fallback = null) => _read(key) is { Length: > 0 } text ? text : fallback;

    /// <summary>The parse <see cref="Decimal"/> uses, for a section's <c>Check</c> to accept exactly what binds.</summary>
    public static decimal? ParseDecimal(string? text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
}
