using System.Text.Json.Serialization;
using Chitin.Tools.Files;
using Chitin.Tools.Shell;

namespace Chitin.Tools.Serialization;

/// <summary>Source-generated JSON for the structured results of the built-in tools (snake_case).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ReadFileData))]
[JsonSerializable(typeof(WriteFileData))]
[JsonSerializable(typeof(ListDirData))]
[JsonSerializable(typeof(RunShellData))]
public sealed partial class ToolsJsonContext : JsonSerializerContext;
