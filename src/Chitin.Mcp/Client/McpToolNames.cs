namespace Chitin.Mcp.Client;

/// <summary>
/// Names MCP tools for the model: <c>mcp__server__tool</c>, only [a-zA-Z0-9_-] and at most 64 characters
/// (what model APIs accept), unique within one agent.
/// </summary>
internal static class McpToolNames
{
    public const int MaxLength = 64;
    public const string Prefix = "mcp__";

    public static string Create(string server, string tool)
    {
        var sanitized = new string(tool.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').ToArray());
        var name = $"{Prefix}{server}__{(sanitized.Length == 0 ? "tool" : sanitized)}";
        return name.Length <= MaxLength ? name : name[..MaxLength];
    }

    /// <summary>
    /// Names for all (server, tool) pairs, in the given order; a name already taken (after sanitising or truncating)
    /// gets a numeric suffix, so the first pair in order keeps the plain name.
    /// </summary>
    public static IReadOnlyList<string> CreateUnique(IEnumerable<(string Server, string Tool)> tools)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var (server, tool) in tools)
        {
            var name = Create(server, tool);
            for (var n = 2; !taken.Add(name); n++)
            {
                var suffix = "_" + n.ToString(CultureInfo.InvariantCulture);
                var stem = Create(server, tool);
                name = (stem.Length + suffix.Length <= MaxLength ? stem : stem[..(MaxLength - suffix.Length)]) + suffix;
            }

            names.Add(name);
        }

        return names;
    }
}
