namespace Chitin.Core.Serialization;

/// <summary>
/// The strings an enum's members are stored and sent as: each member's <see cref="JsonStringEnumMemberNameAttribute"/>,
/// or its own name without one. That is what <see cref="JsonStringEnumConverter{TEnum}"/> writes, so an enum marked
/// with that converter reads and writes the same strings in JSON, SQLite columns and command output: one mapping,
/// kept in the enum itself.
/// </summary>
public static class StoredNames
{
    private const DynamicallyAccessedMemberTypes Fields = DynamicallyAccessedMemberTypes.PublicFields;

    public static string Name<[DynamicallyAccessedMembers(Fields)] T>(T value)
        where T : struct, Enum =>
        Table<T>.Names.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"Unknown {typeof(T).Name}.");

    /// <exception cref="FormatException"><paramref name="text"/> is not the stored name of a member.</exception>
    public static T Parse<[DynamicallyAccessedMembers(Fields)] T>(string text)
        where T : struct, Enum =>
        Table<T>.Values.TryGetValue(text, out var value) ? value : throw new FormatException($"Unknown {typeof(T).Name} '{text}'.");

    public static bool TryParse<[DynamicallyAccessedMembers(Fields)] T>(string text, out T value)
        where T : struct, Enum => Table<T>.Values.TryGetValue(text, out value);

    private static class Table<[DynamicallyAccessedMembers(Fields)] T>
        where T : struct, Enum
    {
        public static readonly Dictionary<T, string> Names = typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(f => (T)f.GetValue(null)!, f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

        public static readonly Dictionary<string, T> Values = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
