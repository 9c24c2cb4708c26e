namespace Chitin.Cli.Routing;

/// <summary>Source-generated JSON for the providers and budget commands (snake_case, like every CLI output).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(List<BudgetRowOutput>))]
[JsonSerializable(typeof(List<RankRowOutput>))]
[JsonSerializable(typeof(List<EndpointRowOutput>))]
[JsonSerializable(typeof(ProbeOutput))]
[JsonSerializable(typeof(VerifyOutput))]
[JsonSerializable(typeof(PinOutput))]
internal sealed partial class RoutingJsonContext : JsonSerializerContext;
