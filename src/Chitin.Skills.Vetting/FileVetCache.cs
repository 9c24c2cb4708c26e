namespace Chitin.Skills.Vetting;

/// <summary>
/// A vet cache of JSON files in one folder, one per content hash and rules version. Writes are atomic (a temporary
/// file renamed over the entry), and an entry that cannot be read, does not parse or does not match its key is ignored,
/// so the skill is simply vetted again.
/// </summary>
public sealed class FileVetCache : IVetCache
{
    private readonly string directory;

    public FileVetCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        this.directory = Path.GetFullPath(directory);
    }

    public async ValueTask<VetCacheEntry?> TryGetAsync(string contentHash, string rulesVersion, CancellationToken cancellationToken)
    {
        var path = PathFor(contentHash, rulesVersion);
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
            var entry = await JsonSerializer.DeserializeAsync(stream, VetCacheJsonContext.Default.VetCacheEntry, cancellationToken);
            return IsUsable(entry, contentHash, rulesVersion) ? entry : null;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    public async ValueTask StoreAsync(VetCacheEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Directory.CreateDirectory(directory);
        var path = PathFor(entry.ContentHash, entry.RulesVersion);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await JsonSerializer.SerializeAsync(stream, entry, VetCacheJsonContext.Default.VetCacheEntry, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The file that holds the entry for a content hash and rules version.</summary>
    public string PathFor(string contentHash, string rulesVersion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentHash);
        ArgumentException.ThrowIfNullOrWhiteSpace(rulesVersion);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(contentHash + "\n" + rulesVersion)));
        return Path.Combine(directory, key + ".json");
    }

    private static bool IsUsable(VetCacheEntry? entry, string contentHash, string rulesVersion) =>
        entry is not null
        && string.Equals(entry.ContentHash, contentHash, StringComparison.Ordinal)
        && string.Equals(entry.RulesVersion, rulesVersion, StringComparison.Ordinal)
        && entry.Findings is not null
        && entry.Findings.All(f => f is not null && f.File is not null && f.Rule is not null && f.Message is not null && f.Excerpt is not null && Enum.IsDefined(f.Severity));
}
