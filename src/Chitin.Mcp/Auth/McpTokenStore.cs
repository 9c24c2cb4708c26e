namespace Chitin.Mcp.Auth;

/// <summary>
/// OAuth tokens (and a dynamically registered client) for one remote server, in
/// <c>$CHITIN_HOME/mcp/tokens/&lt;server&gt;-&lt;hash of url&gt;.json</c>, mode 0600 in a 0700 folder. Keyed by URL as well
/// as name so a server renamed or pointed elsewhere never receives another server's token.
/// </summary>
public sealed class McpTokenStore : ITokenCache
{
    private readonly string _file;

    public McpTokenStore(string directory, string serverName, Uri serverUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(serverUrl);
        Directory = directory;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(serverUrl.AbsoluteUri)))[..12];
        _file = Path.Combine(directory, $"{serverName}-{hash}.json");
    }

    public string Directory { get; }

    /// <summary>The token folder under a Chitin home ($CHITIN_HOME/mcp/tokens).</summary>
    public static string DirectoryUnder(string chitinHome) => Path.Combine(chitinHome, "mcp", "tokens");

    public string FilePath => _file;

    public bool HasTokens => File.Exists(_file);

    public async ValueTask<TokenContainer?> GetTokensAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_file))
        {
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(_file);
            return await JsonSerializer.DeserializeAsync(stream, McpAuthJsonContext.Default.TokenContainer, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            // A damaged file only means logging in again.
            return null;
        }
    }

    public async ValueTask StoreTokensAsync(TokenContainer tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        CreateOwnerOnlyDirectory(Directory);
        var temporary = _file + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temporary, options))
        {
            await JsonSerializer.SerializeAsync(stream, tokens, McpAuthJsonContext.Default.TokenContainer, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, _file, overwrite: true);
    }

    /// <summary>Forgets the tokens (logout); true when there were any.</summary>
    public bool Delete()
    {
        if (!File.Exists(_file))
        {
            return false;
        }

        File.Delete(_file);
        return true;
    }

    private static void CreateOwnerOnlyDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(directory);
            return;
        }

        System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
