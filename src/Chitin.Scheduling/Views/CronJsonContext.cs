namespace Chitin.Scheduling.Views;

/// <summary>Source-generated JSON of jobs and runs: snake_case, like the rest of the CLI's output.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CronJobView))]
[JsonSerializable(typeof(List<CronJobView>))]
[JsonSerializable(typeof(CronRun))]
public sealed partial class CronJsonContext : JsonSerializerContext;
