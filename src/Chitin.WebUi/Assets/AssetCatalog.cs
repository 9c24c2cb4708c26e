namespace Chitin.WebUi.Assets;

/// <summary>
/// The UI's CSS, JavaScript and icons, read once from this assembly's embedded resources. Each asset carries a
/// content hash: pages link it as <c>/assets/{name}?v={hash}</c> so a browser may cache it for a year, and a new
/// build changes the URL.
/// </summary>
public sealed class AssetCatalog
{
    private const string Prefix = "chitin.webui.assets.";

    private readonly FrozenDictionary<string, WebAsset> _assets;

    public AssetCatalog()
    {
        var assembly = typeof(AssetCatalog).Assembly;
        var assets = new Dictionary<string, WebAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var name = resource[Prefix.Length..];
            var bytes = buffer.ToArray();
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
            assets[name] = new WebAsset(name, bytes, ContentType(name), hash);
        }

        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IReadOnlyCollection<WebAsset> All => _assets.Values;

    public WebAsset? Find(string name) => _assets.GetValueOrDefault(name);

    /// <summary>The cache-busting URL of an embedded asset.</summary>
    /// <exception cref="ArgumentException">No asset has that name (a typo in a page).</exception>
    public string Url(string name) =>
        _assets.TryGetValue(name, out var asset)
            ? $"/assets/{asset.Name}?v={asset.Hash}"
            : throw new ArgumentException($"No embedded web asset '{name}'; add it under src/Chitin.WebUi/Assets.", nameof(name));

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
