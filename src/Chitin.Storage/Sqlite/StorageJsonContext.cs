namespace Chitin.Storage.Sqlite;

/// <summary>Storage-side JSON (the messages.tool_calls column). Arguments stay a string: the model's exact text, valid JSON or not.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<ToolCallRecord>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext
{
}
