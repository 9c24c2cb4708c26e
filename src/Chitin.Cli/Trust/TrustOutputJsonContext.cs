namespace Chitin.Cli.Trust;

/// <summary>Source-generated JSON for <c>chitin trust --json</c>: snake_case like every other command.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TrustOutput))]
[JsonSerializable(typeof(TrustListOutput))]
[JsonSerializable(typeof(Rendering.CommandResultOutput))]
internal sealed partial class TrustOutputJsonContext : JsonSerializerContext;
