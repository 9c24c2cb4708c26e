namespace Chitin.Skills.Vetting;

/// <summary>Source-generated JSON for vet cache entries.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(VetCacheEntry))]
internal sealed partial class VetCacheJsonContext : JsonSerializerContext;
