namespace Chitin.Mcp.Auth;

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(TokenContainer))]
internal sealed partial class McpAuthJsonContext : JsonSerializerContext;
