namespace Chitin.Mcp.Tests.Support;

/// <summary>The MCP reference servers scripts/setup installs into .tools/ at the repository root.</summary>
internal static class NpmServers
{
    public static string Everything => Locate("mcp-server-everything");

    public static string Filesystem => Locate("mcp-server-filesystem");

    /// <summary>Full path of node; these tests run the servers' scripts with it directly (no npx, no network).</summary>
    public static string Node =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "node"))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("node is not on PATH; install Node.js 20+ and run scripts/setup.");

    private static string Locate(string bin)
    {
        var root = RepositoryRoot();
        var path = Path.Combine(root, ".tools", "node_modules", ".bin", bin);
        if (!File.Exists(path))
        {
            Assert.Fail($"The MCP test server '{bin}' is missing ({path}). Run scripts/setup (it installs scripts/npm-tools.txt into .tools/).");
        }

        return path;
    }

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
