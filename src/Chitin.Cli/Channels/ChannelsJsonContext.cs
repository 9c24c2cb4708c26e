namespace Chitin.Cli.Channels;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(List<PairingRowOutput>))]
[JsonSerializable(typeof(PairingRowOutput))]
internal sealed partial class ChannelsJsonContext : JsonSerializerContext;
