namespace Chitin.Agents.Bus;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(LedgerEntry))]
[JsonSerializable(typeof(CompletionEnvelope))]
[JsonSerializable(typeof(List<CompletionEnvelope>))]
[JsonSerializable(typeof(AgentStatusRow))]
[JsonSerializable(typeof(List<AgentStatusRow>))]
[JsonSerializable(typeof(RunTree))]
[JsonSerializable(typeof(List<RunTree>))]
public sealed partial class AgentsJsonContext : JsonSerializerContext;
