using System.Text.Json.Serialization;

namespace Chitin.Cli.Channels;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(List<PairingRowOutput>))]
[JsonSerializable(typeof(PairingRowOutput))]
internal sealed partial class ChannelsJsonContext : JsonSerializerContext;
