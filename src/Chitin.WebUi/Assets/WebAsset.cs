namespace Chitin.WebUi.Assets;

/// <summary>One embedded asset: its bytes, MIME type and content hash (also its ETag).</summary>
public sealed record WebAsset(string Name, byte[] Content, string ContentType, string Hash)
{
    public string ETag => "\"" + Hash + "\"";
}
