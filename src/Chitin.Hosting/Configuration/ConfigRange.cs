namespace Chitin.Hosting.Configuration;

/// <summary>An inclusive range a numeric config value must fall in.</summary>
public readonly record struct ConfigRange<T>(T Min, T Max)
    where T : INumber<T>
{
    public bool Contains(T value) => value >= Min && value <= Max;

    /// <summary>"from Min to Max", with invariant number formatting, for error messages.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"from {Min} to {Max}");
}
