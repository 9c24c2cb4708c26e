namespace Chitin.Memory.Storage;

/// <summary>
/// How values are written to columns: timestamps as <see cref="TimestampColumn"/> text (null when there is none), tags
/// as a JSON array, vectors as little-endian float32 blobs.
/// </summary>
internal static class MemoryColumns
{
    public static object OptionalTimestamp(DateTimeOffset? value) => value is { } v ? TimestampColumn.Text(v) : DBNull.Value;

    public static string Tags(IReadOnlyList<string> tags) =>
        JsonSerializer.Serialize(tags.ToArray(), MemoryStorageJsonContext.Default.StringArray);

    public static IReadOnlyList<string> ReadTags(string json) =>
        JsonSerializer.Deserialize(json, MemoryStorageJsonContext.Default.StringArray) ?? [];

    public static byte[] Vector(ReadOnlySpan<float> vector) => MemoryMarshal.AsBytes(vector).ToArray();

    public static float[] ReadVector(byte[] blob) => MemoryMarshal.Cast<byte, float>(blob).ToArray();
}
