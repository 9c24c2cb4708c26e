namespace Chitin.Security.Serialization;

/// <summary>Source-generated JSON for the audit log lines and the hook protocol (snake_case on the wire).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(HookEventJsonConverter)])]
[JsonSerializable(typeof(AuditEntry))]
[JsonSerializable(typeof(HookRequest))]
[JsonSerializable(typeof(HookResponse))]
internal sealed partial class SecurityJsonContext : JsonSerializerContext;
