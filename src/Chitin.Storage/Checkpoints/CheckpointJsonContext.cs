namespace Chitin.Storage.Checkpoints;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RewindChanges))]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext
{
}
