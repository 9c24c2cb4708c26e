namespace Chitin.Skills.Distill;

/// <summary>The parts of a skill the duplicate check compares.</summary>
internal sealed record SkillText(string Name, string Description, string Body);
