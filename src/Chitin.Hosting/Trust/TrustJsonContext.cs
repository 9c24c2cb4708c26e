namespace Chitin.Hosting.Trust;

/// <summary>Source-generated JSON for trust.json (camelCase, indented so a person can review it).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(TrustDocument))]
internal sealed partial class TrustJsonContext : JsonSerializerContext;
