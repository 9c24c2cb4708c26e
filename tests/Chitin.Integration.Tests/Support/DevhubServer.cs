using System.Text.Json;
using Chitin.Core.Tools;
using Chitin.Core.Tools.Deferral;
using Chitin.Mcp.Client;
using Chitin.Mcp.Configuration;
using Chitin.Memory.Embeddings;

namespace Chitin.Integration.Tests.Support;

/// <summary>
/// The real stdio MCP server in tests/fixtures/mcp-200 ("devhub", 200 tools with overlapping descriptions), started
/// once per test class with Node and the MCP SDK that scripts/setup installs into .tools/.
/// </summary>
public sealed class DevhubServer : IAsyncLifetime
{
    public const string Server = "devhub";

    private McpToolSource? _source;

    public static string FixtureDirectory => Path.Combine(RepositoryRoot(), "tests", "fixtures", "mcp-200");

    public McpToolSource Source => _source ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>The server's tools as one deferred group, ranked with the offline embedder as the CLI does.</summary>
    public DeferredTools Deferred => new(Source.DeferredGroups, new HashedNgramEmbeddingGenerator());

    public static McpServerConfig Config(int? deferAbove = McpServerConfig.AutoDeferThreshold) =>
        new(Server, new McpStdioTransport(Node) { Args = [Path.Combine(FixtureDirectory, "server.mjs")] }) { DeferToolsAbove = deferAbove };

    /// <summary>The needs of the evaluation: plain words, and the one tool (without the mcp__devhub__ prefix) each matches.</summary>
    public static IReadOnlyList<(string Need, string Tool)> Needs()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(FixtureDirectory, "needs.json")));
        return document.RootElement.EnumerateArray().Select(n => (n.GetProperty("need").GetString()!, n.GetProperty("tool").GetString()!)).ToList();
    }

    public async Task InitializeAsync() =>
        _source = await McpToolSource.ConnectAsync([Config()], loggerFactory: null, CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_source is not null)
        {
            await _source.DisposeAsync();
        }
    }

    private static string Node =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "node"))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("node is not on PATH; install Node.js 20+ and run scripts/setup.");

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Chitin.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Chitin.slnx above {AppContext.BaseDirectory}.");
    }
}
