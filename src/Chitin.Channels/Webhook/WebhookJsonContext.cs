namespace Chitin.Channels.Webhook;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WebhookPayload))]
[JsonSerializable(typeof(WebhookReply))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
