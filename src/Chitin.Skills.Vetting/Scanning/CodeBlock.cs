namespace Chitin.Skills.Vetting.Scanning;

/// <summary>
/// Units that run or are read together: a whole script, one fenced block of a Markdown file, or the prose of a
/// Markdown file. Rules that need two things to co-occur (a socket and a spawned shell; an environment dump and a
/// network call) look within one block.
/// </summary>
internal sealed class CodeBlock
{
    private string? code;

    public List<TextUnit> Units { get; } = [];

    public bool IsProse { get; init; }

    public string Code => code ??= Join();

    private string Join()
    {
        var builder = new StringBuilder();
        foreach (var unit in Units)
        {
            builder.Append(unit.Code).Append('\n');
        }

        return builder.ToString();
    }
}
