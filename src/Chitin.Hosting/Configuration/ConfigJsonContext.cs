namespace Chitin.Hosting.Configuration;

/// <summary>Source-generated JSON for the few values the config code writes.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;
