namespace Chitin.Tools.Web;

/// <summary>Source-generated JSON for the SearXNG wire format (internal types, hence a context of their own).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SearxngResponse))]
internal sealed partial class SearxngJsonContext : JsonSerializerContext;
