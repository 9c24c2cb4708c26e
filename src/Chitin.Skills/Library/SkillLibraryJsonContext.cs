namespace Chitin.Skills.Library;

/// <summary>Source-generated JSON for the lock file (readable, stable order).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SkillLockDocument))]
internal sealed partial class SkillLibraryJsonContext : JsonSerializerContext;
