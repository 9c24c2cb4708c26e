namespace Chitin.Memory.Storage;

/// <summary>Source-generated JSON for the storage columns (tags).</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class MemoryStorageJsonContext : JsonSerializerContext;
