namespace Chitin.Memory.Sync;

/// <summary>
/// Reads optional YAML front matter. Only <c>tags</c> (a word or a list of words) is used — added to every entry of
/// the file; other keys belong to the agent that wrote the file and are ignored. Invalid YAML is an error naming the line.
/// </summary>
internal static class FrontMatterReader
{
    /// <exception cref="MemoryImportException">The front matter is not valid YAML or not a mapping.</exception>
    public static IReadOnlyList<string> Tags(string path, YamlFrontMatterBlock block)
    {
        // The block's first line is the opening "---"; YAML line 1 is the next one.
        var firstYamlLine = block.Line + 2;
        var yaml = block.Lines.ToString();
        var stream = Load(path, yaml, firstYamlLine);

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return [];
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            throw new MemoryImportException(
                path,
                firstYamlLine,
                "the front matter between the '---' lines must be YAML 'key: value' pairs. Fix it, or remove the front matter, and try again.");
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: "tags" })
            {
                return TagsFrom(path, firstYamlLine, value);
            }
        }

        return [];
    }

    /// <summary>Loads the YAML, walking its events first so an error can name the line it happened on.</summary>
    private static YamlStream Load(string path, string yaml, int firstYamlLine)
    {
        var parser = new Parser(new StringReader(yaml));
        var lastGoodLine = 1L;
        try
        {
            while (parser.MoveNext())
            {
                lastGoodLine = parser.Current?.End.Line ?? lastGoodLine;
            }

            // Loading also checks what events cannot: duplicate keys, unknown aliases.
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream;
        }
        catch (YamlException ex)
        {
            // An error found only at the end of the YAML (an unclosed bracket or quote) is reported where the parser last understood it.
            var yamlLines = yaml.Count(c => c == '\n') + (yaml.EndsWith('\n') ? 0 : 1);
            var line = ex.Start.Line > yamlLines ? lastGoodLine : ex.Start.Line;
            throw Invalid(path, firstYamlLine + (int)Math.Max(line - 1, 0), ex.Message, ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet reports some malformed flow collections this way, without a position: name the last line it understood.
            throw Invalid(path, firstYamlLine + (int)Math.Max(lastGoodLine - 1, 0), "the YAML is malformed here (an unclosed [ or { perhaps)", ex);
        }
    }

    private static List<string> TagsFrom(string path, int firstYamlLine, YamlNode value) => value switch
    {
        YamlScalarNode scalar => Split(scalar.Value),
        YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode) =>
            sequence.Children.Cast<YamlScalarNode>().SelectMany(s => Split(s.Value)).ToList(),
        _ => throw new MemoryImportException(
            path,
            firstYamlLine + (int)Math.Max(value.Start.Line - 1, 0),
            "front matter 'tags' must be a word, a comma-separated list or a YAML list of words, for example 'tags: [work, home]'."),
    };

    private static List<string> Split(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static MemoryImportException Invalid(string path, int line, string detail, Exception inner) =>
        new(
            path,
            line,
            $"invalid YAML front matter: {detail}. Fix the YAML between the '---' lines at the top of the file (or remove it) and try again.",
            inner);
}
