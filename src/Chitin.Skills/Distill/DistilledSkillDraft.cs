namespace Chitin.Skills.Distill;

/// <summary>The JSON object the distillation call must answer with.</summary>
internal sealed record DistilledSkillDraft
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("whenToUse")]
    public string? WhenToUse { get; init; }

    /// <summary>The reusable procedure, as Markdown.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; init; }
}
