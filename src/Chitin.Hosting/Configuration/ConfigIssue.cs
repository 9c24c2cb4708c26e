namespace Chitin.Hosting.Configuration;

/// <summary>One problem found in a configuration source, located well enough to fix it.</summary>
/// <param name="Source">File path, or a description such as "environment variable OPENAI_BASE_URL".</param>
/// <param name="Line">1-based line in the file; 0 when the source is not a file.</param>
/// <param name="Column">1-based column, shown for syntax errors; 0 when unknown.</param>
/// <param name="Key">Dotted key such as "limits.maxSteps"; empty when the problem is not about one key.</param>
public sealed record ConfigIssue(string Source, int Line, int Column, string Key, string Message)
{
    public string Format(string severity)
    {
        var where = Line switch
        {
            0 => Source,
            _ when Column > 0 => string.Create(CultureInfo.InvariantCulture, $"{Source} line {Line} column {Column}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{Source} line {Line}"),
        };
        return $"config {severity} in {where}: {Message}";
    }
}
