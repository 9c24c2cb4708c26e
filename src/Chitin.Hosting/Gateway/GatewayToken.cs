namespace Chitin.Hosting.Gateway;

/// <summary>
/// The bearer token every network front end (gateway, <c>chitin mcp serve --http</c>) checks: generated on first use
/// into <c>$CHITIN_HOME/gateway/token</c>, owner-only, and read back on every later start.
/// </summary>
public static class GatewayToken
{
    public static string PathFor(ChitinPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Path.Combine(paths.Home, "gateway", "token");
    }

    /// <summary>The stored token, created (256 random bits, base64url) when there is none yet.</summary>
    public static string ReadOrCreate(ChitinPaths paths)
    {
        var file = PathFor(paths);
        var existing = TryRead(file);
        if (existing is not null)
        {
            return existing;
        }

        var temp = WriteTemp(file, NewToken());
        try
        {
            // Two first starts at once: the first rename wins and both read the same token afterwards.
            File.Move(temp, file, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(temp);
        }

        return TryRead(file) ?? throw new IOException($"Could not read the gateway token at {file}.");
    }

    /// <summary>Replaces the stored token with a new random one (atomically) and returns it.</summary>
    public static string Rotate(ChitinPaths paths)
    {
        var file = PathFor(paths);
        var token = NewToken();
        File.Move(WriteTemp(file, token), file, overwrite: true);
        return token;
    }

    /// <summary>Constant-time comparison of a presented token with the stored one.</summary>
    public static bool Matches(string expected, string? presented)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (presented is null)
        {
            return false;
        }

        var a = System.Text.Encoding.UTF8.GetBytes(expected);
        var b = System.Text.Encoding.UTF8.GetBytes(presented);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string WriteTemp(string file, string token)
    {
        OwnerOnly.CreateDirectory(Path.GetDirectoryName(file)!);
        var temp = file + "." + Environment.ProcessId + ".tmp";
        using (var stream = new FileStream(temp, OwnerOnly.CreateOptions(FileMode.Create)))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(token);
        }

        return temp;
    }

    private static string? TryRead(string file)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        var text = File.ReadAllText(file).Trim();
        return text.Length == 0 ? null : text;
    }
}
