namespace Chitin.Memory.Tools;

/// <summary>Source-generated JSON for the structured results of the memory tools (snake_case).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(MemorySaveData))]
[JsonSerializable(typeof(MemorySearchData))]
[JsonSerializable(typeof(MemoryForgetData))]
internal sealed partial class MemoryToolsJsonContext : JsonSerializerContext;
