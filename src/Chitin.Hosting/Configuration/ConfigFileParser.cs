namespace Chitin.Hosting.Configuration;

/// <summary>
/// Walks a config file with <see cref="Utf8JsonReader"/> (comments and trailing commas allowed, as
/// Microsoft.Extensions.Configuration.Json accepts them) and records every value with its line, so errors can
/// name the line and key. Syntax errors are reported with line, column and the key being read.
/// </summary>
internal static class ConfigFileParser
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static (IReadOnlyList<ConfigNode> Nodes, ConfigIssue? Error) Parse(string source, ReadOnlySpan<byte> content)
    {
        var lines = new LineIndex(content);
        var nodes = new List<ConfigNode>();
        var path = new List<string>();
        var reader = new Utf8JsonReader(content, ReaderOptions);
        try
        {
            reader.Read();

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return ([], new ConfigIssue(source, lines.LineOf(reader.TokenStartIndex), 0, "", "the file must hold one JSON object { ... }"));
            }

            var duplicate = ReadValue(ref reader, path, nodes, lines, source);
            if (duplicate is not null)
            {
                return (nodes, duplicate);
            }

            // Anything after the root object is a syntax error; Read() throws for it.
            reader.Read();
            return (nodes, null);
        }
        catch (JsonException) when (reader.TokenType == JsonTokenType.None)
        {
            return ([], new ConfigIssue(source, 1, 0, "", "the file is empty; it must hold a JSON object such as {} (run 'chitin init --force' to write a commented one)"));
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            var key = Display(path);
            var where = key.Length == 0 ? "" : $" (while reading '{key}')";
            return (nodes, new ConfigIssue(source, line, column, key, $"invalid JSON{where}: {StripPosition(ex.Message)}"));
        }
    }

    /// <summary>
    /// Reads the member or element whose key is last on <paramref name="path"/> and takes the key off again; after an
    /// issue or a JSON error the key stays, so the message names where reading stopped.
    /// </summary>
    private static ConfigIssue? ReadChild(ref Utf8JsonReader reader, List<string> path, List<ConfigNode> nodes, LineIndex lines, string source)
    {
        var issue = ReadValue(ref reader, path, nodes, lines, source);
        if (issue is null)
        {
            path.RemoveAt(path.Count - 1);
        }

        return issue;
    }

    /// <summary>Reads the value at the reader's current token. Returns a duplicate-key issue, if any.</summary>
    private static ConfigIssue? ReadValue(ref Utf8JsonReader reader, List<string> path, List<ConfigNode> nodes, LineIndex lines, string source)
    {
        var line = lines.LineOf(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                nodes.Add(new ConfigNode(path.ToArray(), JsonValueKind.Object, null, line));
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString() ?? "";
                    path.Add(name);
                    if (!seen.Add(name))
                    {
                        return new ConfigIssue(source, lines.LineOf(reader.TokenStartIndex), 0, Display(path), $"'{Display(path)}' appears twice (keys are case-insensitive); keep one");
                    }

                    reader.Read();
                    if (ReadChild(ref reader, path, nodes, lines, source) is { } issue)
                    {
                        return issue;
                    }
                }

                return null;
            case JsonTokenType.StartArray:
                nodes.Add(new ConfigNode(path.ToArray(), JsonValueKind.Array, null, line));
                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    path.Add(string.Create(CultureInfo.InvariantCulture, $"[{index++}]"));
                    if (ReadChild(ref reader, path, nodes, lines, source) is { } issue)
                    {
                        return issue;
                    }
                }

                return null;
            case JsonTokenType.String:
                nodes.Add(new ConfigNode(path.ToArray(), JsonValueKind.String, reader.GetString(), line));
                return null;
            case JsonTokenType.Number:
                nodes.Add(new ConfigNode(path.ToArray(), JsonValueKind.Number, Encoding.UTF8.GetString(reader.ValueSpan), line));
                return null;
            case JsonTokenType.True:
                nodes.Add(new ConfigNode(path.ToArray(), JsonValueKind.True, "true", line));
                return null;
            case JsonTokenType.False:
                nodes.Add(new ConfigNode(path.ToArray(), JsonValueKind.False, "false", line));
                return null;
            default:
                nodes.Add(new ConfigNode(path.ToArray(), JsonValueKind.Null, "null", line));
                return null;
        }
    }

    private static string Display(List<string> path) => new ConfigNode(path, JsonValueKind.Null, null, 0).DisplayPath;

    /// <summary>System.Text.Json appends "LineNumber: x | BytePositionInLine: y."; we report the position ourselves.</summary>
    private static string StripPosition(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return at < 0 ? message : message[..at];
    }

    private readonly struct LineIndex
    {
        private readonly int[] _newlines;

        public LineIndex(ReadOnlySpan<byte> content)
        {
            var newlines = new List<int>();
            for (var i = 0; i < content.Length; i++)
            {
                if (content[i] == (byte)'\n')
                {
                    newlines.Add(i);
                }
            }

            _newlines = newlines.ToArray();
        }

        /// <summary>1-based line of a byte offset.</summary>
        public int LineOf(long offset)
        {
            var found = Array.BinarySearch(_newlines, (int)offset);
            return (found >= 0 ? found : ~found) + 1;
        }
    }
}
