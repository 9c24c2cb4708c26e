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
[JsonSerializable(typeof(Chitin.Cli.Commands.McpListOutput))]
[JsonSerializable(typeof(Chitin.Cli.Commands.McpCheckOutput))]
[JsonSerializable(typeof(McpServerFailedOutput))]
[JsonSerializable(typeof(CompactionOutput))]
[JsonSerializable(typeof(CheckpointListOutput))]
[JsonSerializable(typeof(RewindOutput))]
[JsonSerializable(typeof(List<MemoryItemOutput>))]
[JsonSerializable(typeof(MemoryShowOutput))]
[JsonSerializable(typeof(MemorySaveOutput))]
[JsonSerializable(typeof(List<MemoryConflictOutput>))]
[JsonSerializable(typeof(Chitin.Memory.Model.MemoryStats))]
[JsonSerializable(typeof(Chitin.Memory.Sync.MemoryImportReport))]
[JsonSerializable(typeof(Chitin.Memory.Sync.MemoryExportReport))]
[JsonSerializable(typeof(Chitin.Memory.Sync.MemorySyncReport))]
[JsonSerializable(typeof(SkillListOutput))]
[JsonSerializable(typeof(SkillShowOutput))]
[JsonSerializable(typeof(SkillVetOutput))]
[JsonSerializable(typeof(Chitin.Skills.Library.SkillAddResult))]
[JsonSerializable(typeof(Chitin.Skills.Distill.DistillResult))]
[JsonSerializable(typeof(Chitin.Skills.Stats.SkillStatsReport))]
public sealed partial class CliJsonContext : JsonSerializerContext;
