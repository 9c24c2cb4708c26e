namespace Chitin.Mcp.Configuration;

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class McpEditJsonContext : JsonSerializerContext;
