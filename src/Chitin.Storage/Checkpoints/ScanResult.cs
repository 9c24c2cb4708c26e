namespace Chitin.Storage.Checkpoints;

/// <summary>A workspace scan: the manifest, its stored hash, bytes newly stored, and notes about files not kept.</summary>
/// <param name="Walked">True when the whole workspace was walked; false when the change journal named what to look at.</param>
public sealed record ScanResult(Manifest Manifest, string ManifestHash, long BytesStored, int FilesHashed, IReadOnlyList<string> Notes, bool Walked = true);
