namespace Chitin.Tools.Serialization;

/// <summary>Source-generated JSON for the structured results of the built-in tools (snake_case).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ReadFileData))]
[JsonSerializable(typeof(WriteFileData))]
[JsonSerializable(typeof(EditFileData))]
[JsonSerializable(typeof(ListDirData))]
[JsonSerializable(typeof(GlobData))]
[JsonSerializable(typeof(GrepData))]
[JsonSerializable(typeof(RunShellData))]
[JsonSerializable(typeof(ShellJobData))]
[JsonSerializable(typeof(WebFetchData))]
[JsonSerializable(typeof(WebSearchData))]
[JsonSerializable(typeof(TodoData))]
[JsonSerializable(typeof(AskUserData))]
public sealed partial class ToolsJsonContext : JsonSerializerContext;
