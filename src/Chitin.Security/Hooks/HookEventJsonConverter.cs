namespace Chitin.Security.Hooks;

/// <summary>Writes <see cref="HookEvent"/> as "before_tool", "user_prompt", ...</summary>
internal sealed class HookEventJsonConverter() : JsonStringEnumConverter<HookEvent>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false);
