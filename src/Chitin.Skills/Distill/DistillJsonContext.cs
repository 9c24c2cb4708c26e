namespace Chitin.Skills.Distill;

[JsonSourceGenerationOptions(AllowTrailingCommas = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(DistilledSkillDraft))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
internal sealed partial class DistillJsonContext : JsonSerializerContext;
