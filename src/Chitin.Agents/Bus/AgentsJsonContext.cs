namespace Chitin.Agents.Bus;

/// <summary>
/// The agent bus's files and outputs, snake_case. Null values are left out: a ledger line carries only the fields its
/// kind needs.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LedgerEntry))]
[JsonSerializable(typeof(CompletionEnvelope))]
[JsonSerializable(typeof(List<CompletionEnvelope>))]
[JsonSerializable(typeof(AgentStatusRow))]
[JsonSerializable(typeof(List<AgentStatusRow>))]
[JsonSerializable(typeof(RunTree))]
[JsonSerializable(typeof(List<RunTree>))]
public sealed partial class AgentsJsonContext : JsonSerializerContext;
