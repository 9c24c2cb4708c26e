namespace Chitin.Storage.Checkpoints;

/// <summary>A workspace scan: the manifest, its stored hash, bytes newly stored, and notes about files not kept.</summary>
public sealed record ScanResult(Manifest Manifest, string ManifestHash, long BytesStored, int FilesHashed, IReadOnlyList<string> Notes);
