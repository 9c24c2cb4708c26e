namespace Chitin.Providers.Routing.Ranking;

/// <summary>What a call looks like for pricing: prompt tokens, output tokens, and turns in the session (<c>--shape</c>).</summary>
public sealed record CallShape(long InputTokens, long OutputTokens, int Turns)
{
    public static CallShape Default { get; } = new(20_000, 500, 30);

    /// <summary>Parses <c>in=20000,out=500,turns=30</c>; missing parts keep <see cref="Default"/>'s values.</summary>
    /// <exception cref="FormatException">The text names an unknown part or a value that is not a positive whole number.</exception>
    public static CallShape Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        CallShape shape = Default;
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value <= 0)
            {
                throw new FormatException($"--shape part '{part}' must be key=positive whole number, e.g. in=20000,out=500,turns=30");
            }

            shape = pair[0].ToLowerInvariant() switch
            {
                "in" => shape with { InputTokens = value },
                "out" => shape with { OutputTokens = value },
                "turns" when value <= 10_000 => shape with { Turns = (int)value },
                "turns" => throw new FormatException("--shape turns must be at most 10000"),
                _ => throw new FormatException($"--shape has no part '{pair[0]}': use in=, out= and turns="),
            };
        }

        return shape;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"in={InputTokens},out={OutputTokens},turns={Turns}");
}
