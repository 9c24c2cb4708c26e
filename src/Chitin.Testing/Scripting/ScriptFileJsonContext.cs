namespace Chitin.Testing.Scripting;

/// <summary>Source-generated serialisation of script files. Unknown properties are errors so typos are caught.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(ScriptFileDocument))]
internal sealed partial class ScriptFileJsonContext : JsonSerializerContext;
