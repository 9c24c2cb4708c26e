namespace Chitin.Mcp.Configuration;

/// <summary>
/// Adds and removes entries under "mcpServers" in a config file's text, touching only those bytes: the user's other
/// keys, comments, order and indentation stay as they were (a JSON rewrite would drop comments and reformat).
/// </summary>
public static class McpConfigEditor
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The text with <paramref name="entryJson"/> (an object) added as server <paramref name="name"/>.</summary>
    /// <exception cref="McpConfigEditException">The text is not a JSON object, or the server already exists.</exception>
    public static string Add(string text, string name, string entryJson)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(entryJson);
        if (string.IsNullOrWhiteSpace(text))
        {
            return $"{{\n  \"mcpServers\": {{\n    {Quote(name)}: {Indent(entryJson, "    ")}\n  }}\n}}\n";
        }

        var map = Scan(text);
        if (map.Servers is { } servers)
        {
            if (servers.Entries.Any(e => e.Name == name))
            {
                throw new McpConfigEditException($"a server named '{name}' is already configured; remove it first ('chitin mcp remove {name}').");
            }

            var indent = servers.Entries.Count > 0 ? IndentOf(text, servers.Entries[0].Start) : IndentOf(text, map.ServersKeyStart) + "  ";
            var entry = $"{Quote(name)}: {Indent(entryJson, indent)}";
            return servers.Entries.Count == 0
                ? text[..(servers.Start + 1)] + $"\n{indent}{entry}\n{IndentOf(text, map.ServersKeyStart)}" + text[servers.End..].TrimStart(' ', '\t', '\r', '\n')
                : text[..servers.Entries[^1].End] + $",\n{indent}{entry}" + text[servers.Entries[^1].End..];
        }

        var rootIndent = map.RootLastEnd > 0 ? IndentOf(text, map.RootFirstStart) : "  ";
        var block = $"{Quote("mcpServers")}: {{\n{rootIndent}  {Quote(name)}: {Indent(entryJson, rootIndent + "  ")}\n{rootIndent}}}";
        return map.RootLastEnd > 0
            ? text[..map.RootLastEnd] + $",\n{rootIndent}{block}" + text[map.RootLastEnd..]
            : text[..(map.RootStart + 1)] + $"\n{rootIndent}{block}\n" + text[(map.RootStart + 1)..].TrimStart(' ', '\t', '\r', '\n');
    }

    /// <summary>The text without server <paramref name="name"/>, or null when it is not configured there.</summary>
    public static string? Remove(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text) || Scan(text).Servers is not { } servers)
        {
            return null;
        }

        var index = servers.Entries.FindIndex(e => e.Name == name);
        if (index < 0)
        {
            return null;
        }

        var entry = servers.Entries[index];
        // Remove the entry with the separator before it (or after it, when it is the first of several).
        var (from, to) = index > 0
            ? (servers.Entries[index - 1].End, entry.End)
            : servers.Entries.Count > 1 ? (LineStart(text, entry.Start), LineStart(text, servers.Entries[1].Start)) : (servers.Start + 1, servers.End);
        return text[..from] + text[to..];
    }

    private static string Quote(string value) => JsonSerializer.Serialize(value, McpEditJsonContext.Default.String);

    private static string Indent(string json, string indent) => json.Replace("\n", "\n" + indent, StringComparison.Ordinal);

    private static int LineStart(string text, int position)
    {
        var start = position;
        while (start > 0 && text[start - 1] is ' ' or '\t')
        {
            start--;
        }

        return start;
    }

    private static string IndentOf(string text, int position)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, position - 1)) + 1;
        var indent = new StringBuilder();
        for (var i = lineStart; i < text.Length && text[i] is ' ' or '\t'; i++)
        {
            indent.Append(text[i]);
        }

        return indent.ToString();
    }

    /// <summary>Character offsets of the root object, its "mcpServers" object and that object's entries.</summary>
    private static FileMap Scan(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, ReaderOptions);
        var map = new FileMap();
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new McpConfigEditException("the file is not a JSON object; fix it by hand first.");
            }

            map.RootStart = CharOffset(bytes, (int)reader.TokenStartIndex);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var keyStart = CharOffset(bytes, (int)reader.TokenStartIndex);
                var key = reader.GetString();
                if (map.RootFirstStart == 0)
                {
                    map.RootFirstStart = keyStart;
                }

                reader.Read();
                if (key == "mcpServers" && reader.TokenType == JsonTokenType.StartObject)
                {
                    map.ServersKeyStart = keyStart;
                    map.Servers = ScanServers(ref reader, bytes);
                }
                else
                {
                    reader.Skip();
                }

                map.RootLastEnd = CharOffset(bytes, (int)reader.BytesConsumed);
            }
        }
        catch (JsonException ex)
        {
            throw new McpConfigEditException($"the file is not valid JSON ({ex.Message}); fix it by hand first.");
        }

        return map;
    }

    private static ServersMap ScanServers(ref Utf8JsonReader reader, byte[] bytes)
    {
        var servers = new ServersMap { Start = CharOffset(bytes, (int)reader.TokenStartIndex) };
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var start = CharOffset(bytes, (int)reader.TokenStartIndex);
            var name = reader.GetString()!;
            reader.Read();
            reader.Skip();
            servers.Entries.Add(new EntryMap(name, start, CharOffset(bytes, (int)reader.BytesConsumed)));
        }

        servers.End = CharOffset(bytes, (int)reader.TokenStartIndex);
        return servers;
    }

    private static int CharOffset(byte[] bytes, int byteOffset) => Encoding.UTF8.GetCharCount(bytes, 0, byteOffset);

    private sealed class FileMap
    {
        public int RootStart { get; set; }

        public int RootFirstStart { get; set; }

        public int RootLastEnd { get; set; }

        public int ServersKeyStart { get; set; }

        public ServersMap? Servers { get; set; }
    }

    private sealed class ServersMap
    {
        public int Start { get; set; }

        public int End { get; set; }

        public List<EntryMap> Entries { get; } = [];
    }

    private sealed record EntryMap(string Name, int Start, int End);
}
