using System.Text.Json.Serialization;
using Chitin.Cli.Context;
using Chitin.Core.Sessions;

namespace Chitin.Cli.Rendering;

/// <summary>Source-generated JSON for everything the CLI prints: snake_case names, enums as strings.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RunOutput))]
[JsonSerializable(typeof(UsageReportOutput))]
[JsonSerializable(typeof(DoctorReport))]
[JsonSerializable(typeof(SessionTranscriptOutput))]
[JsonSerializable(typeof(CommandResultOutput))]
[JsonSerializable(typeof(List<SessionInfo>))]
[JsonSerializable(typeof(ContextReport))]
[JsonSerializable(typeof(CompactionOutput))]
public sealed partial class CliJsonContext : JsonSerializerContext;
