using System.Text.Json;
using System.Text.Json.Serialization;
using Chitin.Core.Hooks;

namespace Chitin.Security.Hooks;

/// <summary>Writes <see cref="HookEvent"/> as "before_tool", "user_prompt", ...</summary>
internal sealed class HookEventJsonConverter() : JsonStringEnumConverter<HookEvent>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false);
