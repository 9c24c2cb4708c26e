namespace Chitin.Memory.Storage;

/// <summary>
/// How values are written to columns: timestamps as fixed-width ISO-8601 UTC text (sorts and compares as text,
/// same format as Chitin.Storage), tags as a JSON array, vectors as little-endian float32 blobs.
/// </summary>
internal static class MemoryColumns
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ReadTimestamp(string text) =>
        DateTimeOffset.ParseExact(text, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static object OptionalTimestamp(DateTimeOffset? value) => value is { } v ? Timestamp(v) : DBNull.Value;

    public static string Tags(IReadOnlyList<string> tags) =>
        JsonSerializer.Serialize(tags.ToArray(), MemoryStorageJsonContext.Default.StringArray);

    public static IReadOnlyList<string> ReadTags(string json) =>
        JsonSerializer.Deserialize(json, MemoryStorageJsonContext.Default.StringArray) ?? [];

    public static byte[] Vector(ReadOnlySpan<float> vector) => MemoryMarshal.AsBytes(vector).ToArray();

    public static float[] ReadVector(byte[] blob) => MemoryMarshal.Cast<byte, float>(blob).ToArray();
}
