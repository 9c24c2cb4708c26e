namespace Chitin.Hosting.Trust;

/// <summary>
/// The folders the user trusts, in $CHITIN_HOME/trust.json (mode 0600). Written whole to a 0600 temporary file and
/// renamed over the old one, so a crash never leaves half a file; a file that does not parse is never overwritten.
/// </summary>
public sealed class TrustStore
{
    public const string FileName = "trust.json";

    public TrustStore(string chitinHome)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chitinHome);
        Home = chitinHome;
        Path = System.IO.Path.Combine(chitinHome, FileName);
    }

    public string Home { get; }

    public string Path { get; }

    /// <summary>Reads the records; none when the file does not exist.</summary>
    /// <exception cref="TrustStoreException">The file cannot be read or is not trust data.</exception>
    public TrustDocument Read()
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(Path))
            {
                return new TrustDocument();
            }

            bytes = File.ReadAllBytes(Path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new TrustDocument();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TrustStoreException($"cannot read the trust file {Path}: {ex.Message}", ex);
        }

        TrustDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(bytes, TrustJsonContext.Default.TrustDocument);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1})" : "";
            throw new TrustStoreException(
                $"the trust file {Path} is not valid{where}: {FirstSentence(ex.Message)} It was left untouched; fix it or move it away " +
                "(every folder counts as untrusted until then), then run 'chitin trust' again.", ex);
        }

        if (document is null || document.Version != TrustDocument.CurrentVersion || document.Folders.Any(f => string.IsNullOrWhiteSpace(f.Path)))
        {
            throw new TrustStoreException(
                $"the trust file {Path} is not version {TrustDocument.CurrentVersion} trust data (\"version\" and \"folders\" with a \"path\" each). " +
                "It was left untouched; fix it or move it away (every folder counts as untrusted until then).");
        }

        return document;
    }

    /// <summary>The record for <paramref name="realPath"/>, if any.</summary>
    public TrustRecord? Find(string realPath) =>
        Read().Folders.FirstOrDefault(f => string.Equals(f.Path, realPath, StringComparison.Ordinal));

    /// <summary>Records (or renews) trust in a folder for its current config hash.</summary>
    public TrustRecord Trust(string realPath, string? configSha256, DateTimeOffset now)
    {
        var document = Read();
        var record = new TrustRecord(realPath, configSha256, now);
        var folders = document.Folders.Where(f => !string.Equals(f.Path, realPath, StringComparison.Ordinal)).Append(record)
            .OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        Write(document with { Folders = folders });
        return record;
    }

    /// <summary>Forgets a folder. Returns the removed record, or null when it was not trusted.</summary>
    public TrustRecord? Revoke(string realPath)
    {
        var document = Read();
        var existing = document.Folders.FirstOrDefault(f => string.Equals(f.Path, realPath, StringComparison.Ordinal));
        if (existing is null)
        {
            return null;
        }

        Write(document with { Folders = document.Folders.Where(f => !ReferenceEquals(f, existing)).ToList() });
        return existing;
    }

    private void Write(TrustDocument document)
    {
        try
        {
            OwnerOnly.CreateDirectory(Home);
            AtomicFileWriter.Write(
                Path,
                stream =>
                {
                    JsonSerializer.Serialize(stream, document, TrustJsonContext.Default.TrustDocument);
                    stream.WriteByte((byte)'\n');
                },
                OwnerOnly.FileMode);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TrustStoreException($"cannot write the trust file {Path}: {ex.Message}", ex);
        }
    }

    private static string FirstSentence(string message)
    {
        var at = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = at < 0 ? message : message[..at];
        return text.EndsWith('.') ? text : text + ".";
    }
}
