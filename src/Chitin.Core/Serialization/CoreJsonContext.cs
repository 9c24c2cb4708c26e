namespace Chitin.Core.Serialization;

/// <summary>Source-generated JSON for everything Core writes: events (NDJSON), results, transcripts, usage.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AgentEvent))]
[JsonSerializable(typeof(AgentRunResult))]
[JsonSerializable(typeof(SessionMessage))]
[JsonSerializable(typeof(SessionInfo))]
[JsonSerializable(typeof(UsageRecord))]
[JsonSerializable(typeof(UsageSummary))]
[JsonSerializable(typeof(List<SessionMessage>))]
[JsonSerializable(typeof(List<SessionInfo>))]
[JsonSerializable(typeof(List<UsageRecord>))]
[JsonSerializable(typeof(List<UsageSummary>))]
[JsonSerializable(typeof(List<ToolCallRecord>))]
public sealed partial class CoreJsonContext : JsonSerializerContext;
