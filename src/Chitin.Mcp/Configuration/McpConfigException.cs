namespace Chitin.Mcp.Configuration;

/// <summary>The "mcpServers" configuration of one file is invalid; <see cref="Exception.Message"/> lists every problem.</summary>
public sealed class McpConfigException : Exception
{
    public McpConfigException(string origin, IReadOnlyList<string> problems)
        : base(Describe(origin, problems))
    {
        Origin = origin;
        Problems = problems;
    }

    /// <summary>The file (or other source) the configuration came from.</summary>
    public string Origin { get; }

    /// <summary>One line per problem, each naming the server it concerns.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Describe(string origin, IReadOnlyList<string> problems) =>
        problems.Count == 1
            ? $"Invalid \"mcpServers\" in {origin}: {problems[0]}"
            : $"Invalid \"mcpServers\" in {origin}:{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(p => "  - " + p));
}
