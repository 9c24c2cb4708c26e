namespace Chitin.Cli.Rendering;

/// <summary>
/// A text stream that takes Spectre markup. On a terminal it renders colours and tables with Spectre; otherwise
/// (redirected, CI=true, TERM=dumb) it writes the same text plain, tables as aligned columns, so pipes and logs
/// stay clean and greppable.
/// </summary>
public sealed class StyledWriter
{
    private readonly IReadOnlyDictionary<string, string> _environment;
    private IAnsiConsole? _console;

    public StyledWriter(TextWriter writer, bool rich, IReadOnlyDictionary<string, string> environment)
    {
        Writer = writer ?? throw new ArgumentNullException(nameof(writer));
        IsRich = rich;
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
    }

    public TextWriter Writer { get; }

    public bool IsRich { get; }

    private IAnsiConsole Console => _console ??= AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.Yes,
        ColorSystem = _environment.ContainsKey("NO_COLOR") ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(Writer),
        EnvironmentVariables = new Dictionary<string, string>(_environment, StringComparer.Ordinal),
    });

    public void Line(string markup = "")
    {
        if (IsRich)
        {
            Console.MarkupLine(markup);
        }
        else
        {
            Writer.WriteLine(Markup.Remove(markup));
        }
    }

    public void Text(string markup)
    {
        if (IsRich)
        {
            Console.Markup(markup);
        }
        else
        {
            Writer.Write(Markup.Remove(markup));
        }
    }

    /// <summary>A table; columns listed in <paramref name="rightAligned"/> are numbers.</summary>
    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, params int[] rightAligned)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var body = rows.ToList();
        if (IsRich)
        {
            var table = new Table().Border(TableBorder.Rounded);
            for (var i = 0; i < headers.Count; i++)
            {
                var column = new TableColumn(Markup.Escape(headers[i]));
                table.AddColumn(rightAligned.Contains(i) ? column.RightAligned() : column);
            }

            foreach (var row in body)
            {
                table.AddRow(row.Select(Markup.Escape).ToArray());
            }

            Console.Write(table);
            return;
        }

        var widths = headers.Select((h, i) => Math.Max(h.Length, body.Count == 0 ? 0 : body.Max(r => r[i].Length))).ToArray();
        WritePlainRow(headers, widths, rightAligned);
        foreach (var row in body)
        {
            WritePlainRow(row, widths, rightAligned);
        }
    }

    private void WritePlainRow(IReadOnlyList<string> cells, int[] widths, int[] rightAligned)
    {
        var parts = cells.Select((c, i) => rightAligned.Contains(i) ? c.PadLeft(widths[i]) : c.PadRight(widths[i]));
        Writer.WriteLine(string.Join("  ", parts).TrimEnd());
    }
}
