namespace Chitin.Mcp.Protocol;

/// <summary>How Chitin names itself in the MCP handshake, as client and as server.</summary>
internal static class ChitinImplementation
{
    public static Implementation Create() => new()
    {
        Name = "chitin",
        Version = Version,
    };

    private static string Version { get; } =
        typeof(ChitinImplementation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
